package id.netra.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks a fetched payload before anything decodes it, then decodes it: the declared content type must be a picture, the
 * bytes must be one of the formats read here (PNG, JPEG, GIF, BMP, TIFF, WebP; told by their first bytes, whatever the
 * header claims), the dimensions read from the format's header must stay under a pixel count (a few kilobytes of PNG can
 * declare a picture of billions of pixels: a decompression bomb), and an animated picture (GIF with several frames,
 * animated PNG or WebP) is refused. Decoding is Java's (ImageIO, with TwelveMonkeys for WebP): no native decoder reads
 * untrusted bytes.
 *
 * @param maxPixels  the largest width x height decoded
 * @param maxSide    the longest side decoded, in pixels
 */
record ImageGuard(long maxPixels, int maxSide) {
    ImageGuard {
        if (maxPixels < 1 || maxSide < 1) {
            throw new IllegalArgumentException("media.max-pixels and media.max-side must be positive");
        }
    }

    /** A picture refused, with the reason for the dead letter. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A decoded picture in 8-bit grey, as the OCR engine reads it. */
    record Picture(String format, int width, int height, byte[] grey) {
    }

    /**
     * The picture in {@code bytes}.
     *
     * @param contentType the media type the server declared (without parameters), or null
     * @throws Refused why it is not decoded: not a picture, a format not read here, too large, animated, corrupt
     */
    Picture decode(String contentType, byte[] bytes) throws Refused {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new Refused("not a picture: the server says Content-Type " + (contentType == null ? "(none)" : contentType));
        }
        String format = sniff(bytes);
        if (format == null) {
            throw new Refused("not a picture: the bytes are no PNG, JPEG, GIF, BMP, TIFF or WebP (Content-Type " + contentType + ")");
        }
        if (animated(format, bytes)) {
            throw new Refused("animated " + format.toUpperCase(Locale.ROOT) + " refused: only still pictures are read");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new Refused("no reader for " + format + " pictures in this build");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new Refused("corrupt " + format + ": its header declares " + width + "x" + height + " pixels");
                }
                if ((long) width * height > maxPixels || Math.max(width, height) > maxSide) {
                    throw new Refused("picture of " + width + "x" + height + " pixels exceeds the limit (media.max-pixels " + maxPixels
                            + ", media.max-side " + maxSide + "): not decoded");
                }
                if ("gif".equals(format) && reader.getNumImages(true) > 1) {
                    throw new Refused("animated GIF refused: only still pictures are read");
                }
                BufferedImage image = reader.read(0);
                return new Picture(format, image.getWidth(), image.getHeight(), grey(image));
            } finally {
                reader.dispose();
            }
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Refused("corrupt " + format + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** The format the first bytes name, or null. */
    static String sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (starts(b, 'B', 'M')) {
            return "bmp";
        }
        if (starts(b, 'I', 'I', '*', 0) || starts(b, 'M', 'M', 0, '*')) {
            return "tiff";
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        return null;
    }

    /** An animated PNG (an {@code acTL} chunk before the image data) or WebP (the animation flag of {@code VP8X}). */
    static boolean animated(String format, byte[] b) {
        if ("png".equals(format)) {
            int at = 8;
            while (at + 8 <= b.length) {
                long length = ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
                String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
                if (type.equals("acTL")) {
                    return true;
                }
                if (type.equals("IDAT") || length < 0 || length > b.length) {
                    return false;
                }
                at += 12 + (int) length;
            }
            return false;
        }
        if ("webp".equals(format)) {
            return b.length > 20 && b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X' && (b[20] & 0x02) != 0;
        }
        return false;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The picture in 8-bit grey, transparent parts white (text on a transparent poster stays readable). */
    private static byte[] grey(BufferedImage image) {
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    }
}
