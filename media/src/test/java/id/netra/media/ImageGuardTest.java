package id.netra.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageGuardTest {
    private final ImageGuard guard = new ImageGuard(40_000_000, 12_000);

    @Test
    void decodesAPosterToGreyOfItsSize() throws Exception {
        ImageGuard.Picture p = guard.decode("image/png", TestPictures.poster());

        assertThat(p.format()).isEqualTo("png");
        assertThat(p.width()).isEqualTo(800);
        assertThat(p.height()).isEqualTo(600);
        assertThat(p.grey()).hasSize(800 * 600);
    }

    @Test
    void refusesAPageServedAsAPicture() {
        assertThatThrownBy(() -> guard.decode("image/png", TestPictures.html())).isInstanceOf(ImageGuard.Refused.class)
                .hasMessageContaining("not a picture").hasMessageContaining("no PNG, JPEG");
        assertThatThrownBy(() -> guard.decode("text/html", TestPictures.poster())).isInstanceOf(ImageGuard.Refused.class)
                .hasMessageContaining("Content-Type text/html");
    }

    @Test
    void refusesAHugePictureFromItsHeaderWithoutDecodingIt() {
        assertThatThrownBy(() -> guard.decode("image/png", TestPictures.huge())).isInstanceOf(ImageGuard.Refused.class)
                .hasMessageContaining("60000x60000").hasMessageContaining("exceeds");
    }

    @Test
    void refusesACorruptPicture() {
        assertThatThrownBy(() -> guard.decode("image/png", TestPictures.corrupt())).isInstanceOf(ImageGuard.Refused.class)
                .hasMessageStartingWith("corrupt png");
    }

    @Test
    void refusesAnAnimatedGifAndAnAnimatedPng() {
        assertThatThrownBy(() -> guard.decode("image/gif", TestPictures.animatedGif())).isInstanceOf(ImageGuard.Refused.class)
                .hasMessageContaining("animated GIF");
        byte[] apng = TestPictures.poster();
        // An acTL chunk right after IHDR makes a PNG an animated one.
        byte[] withActl = new byte[apng.length + 20];
        System.arraycopy(apng, 0, withActl, 0, 33);
        System.arraycopy(new byte[] {0, 0, 0, 8, 'a', 'c', 'T', 'L', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0}, 0, withActl, 33, 20);
        System.arraycopy(apng, 33, withActl, 53, apng.length - 33);
        assertThat(ImageGuard.animated("png", withActl)).isTrue();
        assertThat(ImageGuard.animated("png", apng)).isFalse();
    }

    @Test
    void knowsFormatsByTheirBytesNotByTheirNames() {
        assertThat(ImageGuard.sniff(TestPictures.poster())).isEqualTo("png");
        assertThat(ImageGuard.sniff(TestPictures.animatedGif())).isEqualTo("gif");
        assertThat(ImageGuard.sniff(TestPictures.html())).isNull();
        assertThat(ImageGuard.sniff(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'})).isEqualTo("webp");
    }
}
