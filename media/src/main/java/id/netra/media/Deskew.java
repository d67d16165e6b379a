package id.netra.media;

import com.recognition.software.jdeskew.ImageDeskew;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import id.netra.model.MediaText;

/**
 * Straightens text set at a slant (a poster's tilted slogan, a photographed screen): Tesseract reads lines up to a few
 * degrees off, and little beyond. The angle is estimated by tess4j's jdeskew (a Hough transform of the dark edges) on a
 * reduced copy; the picture is turned back by it when it is over {@link #MIN_DEGREES}, and the boxes of the words read
 * in the turned picture are mapped back into the picture as fetched.
 */
final class Deskew {
    static final double MIN_DEGREES = 1.0;
    static final double MAX_DEGREES = 20.0;

    /** A picture to read, and how its coordinates map back to the picture as fetched. */
    record Straightened(ImageGuard.Picture picture, AffineTransform toOriginal, double degrees) {
        MediaText.Box original(MediaText.Box b) {
            if (degrees == 0) {
                return b;
            }
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[] c : new double[][] {{b.x(), b.y()}, {b.x() + b.width(), b.y()}, {b.x(), b.y() + b.height()},
                    {b.x() + b.width(), b.y() + b.height()}}) {
                Point2D p = toOriginal.transform(new Point2D.Double(c[0], c[1]), null);
                minX = Math.min(minX, p.getX());
                minY = Math.min(minY, p.getY());
                maxX = Math.max(maxX, p.getX());
                maxY = Math.max(maxY, p.getY());
            }
            int x = (int) Math.max(0, Math.floor(minX));
            int y = (int) Math.max(0, Math.floor(minY));
            return new MediaText.Box(x, y, (int) Math.ceil(maxX) - x, (int) Math.ceil(maxY) - y);
        }
    }

    private Deskew() {
    }

    static Straightened straighten(ImageGuard.Picture p) {
        BufferedImage grey = image(p);
        double degrees = angle(grey);
        if (Math.abs(degrees) < MIN_DEGREES || Math.abs(degrees) > MAX_DEGREES) {
            return new Straightened(p, new AffineTransform(), 0);
        }
        AffineTransform turn = AffineTransform.getRotateInstance(Math.toRadians(-degrees), p.width() / 2.0, p.height() / 2.0);
        BufferedImage out = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, p.width(), p.height());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(grey, turn, null);
        } finally {
            g.dispose();
        }
        try {
            return new Straightened(new ImageGuard.Picture(p.format(), p.width(), p.height(),
                    ((DataBufferByte) out.getRaster().getDataBuffer()).getData()), turn.createInverse(), degrees);
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("a rotation is always invertible", e);
        }
    }

    /** The text's slant in degrees (clockwise positive), estimated on a copy at most 600 pixels wide. */
    static double angle(BufferedImage grey) {
        double scale = Math.min(1.0, 600.0 / grey.getWidth());
        BufferedImage small = grey;
        if (scale < 1.0) {
            small = new BufferedImage((int) (grey.getWidth() * scale), (int) (grey.getHeight() * scale), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = small.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(grey, 0, 0, small.getWidth(), small.getHeight(), null);
            } finally {
                g.dispose();
            }
        }
        return new ImageDeskew(small).getSkewAngle();
    }

    private static BufferedImage image(ImageGuard.Picture p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(p.grey(), 0, data, 0, data.length);
        return img;
    }
}
