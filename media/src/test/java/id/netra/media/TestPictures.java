package id.netra.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;

/** Payloads the media stage must refuse, made on the spot: corrupt, huge, animated, not a picture. */
final class TestPictures {
    private TestPictures() {
    }

    static byte[] poster() {
        return Posters.png(List.of("COBLOS NO 2", "Hendra Wijaya - Siti Rahmawati"), new Posters.Style(800, 600, "SansSerif", true, 80, 0, 0, 1));
    }

    /** A PNG cut in the middle of its image data. */
    static byte[] corrupt() {
        byte[] png = poster();
        byte[] cut = new byte[png.length / 2];
        System.arraycopy(png, 0, cut, 0, cut.length);
        return cut;
    }

    /** A few hundred bytes of PNG whose header declares 60,000 x 60,000 pixels (a decompression bomb's header). */
    static byte[] huge() {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(b, "IHDR", ByteBuffer.allocate(13).putInt(60_000).putInt(60_000).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0)
                .put((byte) 0).array());
        chunk(b, "IDAT", new byte[0]);
        chunk(b, "IEND", new byte[0]);
        return b.array();
    }

    /** A GIF of two frames. */
    static byte[] animatedGif() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (int i = 0; i < 2; i++) {
                BufferedImage frame = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED);
                frame.setRGB(i, i, 0xFFFFFF);
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                w.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            w.endWriteSequence();
            ios.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An HTML page. */
    static byte[] html() {
        return "<!DOCTYPE html><html><body>Ayo coblos nomor 2</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        b.putInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
    }
}
