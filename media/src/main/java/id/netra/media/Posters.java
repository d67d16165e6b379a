package id.netra.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Campaign posters drawn with Java2D: lines of text in a font, size and rotation of choice, on a coloured background with
 * shapes, optionally with noise (speckles, blur-like jitter, a photo-like gradient). The demo site serves one, the
 * benchmark reads them, and the tests measure how much of their text the OCR reads.
 */
public final class Posters {
    /**
     * How a poster looks.
     *
     * @param width      width in pixels (1080 for an Instagram post)
     * @param height     height in pixels
     * @param font       a font family ({@code SansSerif}, {@code Serif}, {@code Monospaced}, {@code Dialog}, or an installed one)
     * @param bold       bold type
     * @param size       the type size of the first line, in pixels; the other lines are smaller
     * @param rotation   the text's rotation in degrees
     * @param noise      0 for a clean poster, up to 1 for heavy speckles and a busy background
     * @param seed       for the noise
     */
    public record Style(int width, int height, String font, boolean bold, int size, double rotation, double noise, long seed) {
        /** A clean 1080 x 1350 poster in bold sans-serif. */
        public static Style clean() {
            return new Style(1080, 1350, Font.SANS_SERIF, true, 96, 0, 0, 1);
        }
    }

    private Posters() {
    }

    /** A poster with {@code lines}, as PNG bytes. */
    public static byte[] png(List<String> lines, Style style) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(render(lines, style), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A poster with {@code lines}. */
    public static BufferedImage render(List<String> lines, Style style) {
        BufferedImage img = new BufferedImage(style.width(), style.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        Random random = new Random(style.seed());
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            // A campaign colour, lighter at the top, with a band and a circle (where the pair's faces would be).
            g.setPaint(new java.awt.GradientPaint(0, 0, new Color(255, 244, 214), 0, style.height(), new Color(250, 214, 160)));
            g.fillRect(0, 0, style.width(), style.height());
            g.setColor(new Color(200, 30, 40));
            g.fillRect(0, style.height() - style.height() / 8, style.width(), style.height() / 8);
            g.setColor(new Color(230, 190, 120));
            g.fillOval(style.width() / 2 - style.width() / 6, style.height() / 16, style.width() / 3, style.width() / 3);
            if (style.noise() > 0) {
                int shapes = (int) (40 * style.noise());
                for (int i = 0; i < shapes; i++) {
                    g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 60));
                    g.setStroke(new BasicStroke(1 + random.nextInt(6)));
                    g.drawLine(random.nextInt(style.width()), random.nextInt(style.height()), random.nextInt(style.width()), random.nextInt(style.height()));
                }
            }
            AffineTransform plain = g.getTransform();
            g.rotate(Math.toRadians(style.rotation()), style.width() / 2.0, style.height() / 2.0);
            int y = style.height() / 16 + style.width() / 3 + style.size();
            for (int i = 0; i < lines.size(); i++) {
                int size = i == 0 ? style.size() : Math.max(18, (int) (style.size() * 0.62));
                Font font = new Font(style.font(), style.bold() ? Font.BOLD : Font.PLAIN, size);
                g.setFont(font);
                FontMetrics fm = g.getFontMetrics();
                String line = lines.get(i);
                int w = fm.stringWidth(line);
                if (w > style.width() * 0.92) {
                    font = font.deriveFont((float) (size * style.width() * 0.92 / w));
                    g.setFont(font);
                    fm = g.getFontMetrics();
                    w = fm.stringWidth(line);
                }
                g.setColor(i == 0 ? new Color(160, 10, 20) : new Color(25, 25, 25));
                g.drawString(line, (style.width() - w) / 2, y);
                y += (int) (fm.getHeight() * 1.25);
            }
            g.setTransform(plain);
        } finally {
            g.dispose();
        }
        if (style.noise() > 0) {
            speckle(img, style.noise(), random);
        }
        return img;
    }

    /** Salt-and-pepper speckles and a slight brightness jitter, like a re-shared, re-compressed photo. */
    private static void speckle(BufferedImage img, double noise, Random random) {
        int dots = (int) (img.getWidth() * img.getHeight() * 0.02 * noise);
        for (int i = 0; i < dots; i++) {
            int v = random.nextBoolean() ? 0x000000 : 0xFFFFFF;
            img.setRGB(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()), v);
        }
        int jitter = (int) (24 * noise);
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int d = random.nextInt(2 * jitter + 1) - jitter;
                int r = clamp(((rgb >> 16) & 0xFF) + d);
                int gr = clamp(((rgb >> 8) & 0xFF) + d);
                int b = clamp((rgb & 0xFF) + d);
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
