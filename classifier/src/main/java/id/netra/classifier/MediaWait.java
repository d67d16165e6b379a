package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.MediaText;
import id.netra.model.Post;
import java.time.Duration;
import java.util.Optional;

/**
 * When a post with pictures is decided, and with which text of its pictures: the rule the live classifier follows and
 * {@code netra replay} applies to the recorded topics, so that an auditor can derive every alert again. Times are the
 * records' Kafka timestamps: {@code tp} of the post's record on {@code posts}, {@code tm} of its media text's record on
 * {@code media-text} (the media stage writes exactly one per version of a post with {@link MediaText#pictures pictures}).
 * <ol>
 *   <li>A post without pictures, or decided with rule data that does not read pictures ({@code media-ocr}), is decided
 *       at once, as before media texts existed.</li>
 *   <li>A post with pictures whose media text came in time ({@code tm - tp <= wait}) is decided once, with it: its words
 *       and its pictures give one alert, with the usual id.</li>
 *   <li>Otherwise it is decided without the pictures' text (the usual id), so that reading pictures never holds the feed
 *       back; and when its media text comes ({@code tm - tp <= keep}), again with it: that decision is written only
 *       when something in a picture counts (evidence in {@code media[N].ocr}), under its own id, the alert id of the
 *       post version's key followed by {@value #EDIT_SUFFIX} ({@link #asEdit}).</li>
 * </ol>
 */
public final class MediaWait {
    /** How long a post with pictures waits for its media text by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** How late a media text is still read (as an edit) by default. */
    public static final Duration DEFAULT_KEEP = Duration.ofDays(7);
    /** What the key of a post version is followed by in the id of the alert decided again with its media text. */
    public static final String EDIT_SUFFIX = "#media";

    private MediaWait() {
    }

    /** Whether {@code post} waits for its media text under {@code classifier}'s rule data. */
    public static boolean waits(PostClassifier classifier, Post post) {
        return classifier.readsPictures() && !MediaText.pictures(post).isEmpty();
    }

    /** Whether a media text recorded at {@code tm} is read in the first decision of a post recorded at {@code tp}. */
    public static boolean inTime(long tp, long tm, Duration wait) {
        return tm - tp <= wait.toMillis();
    }

    /** Whether a media text recorded at {@code tm} still gives a second decision of a post recorded at {@code tp}. */
    public static boolean notTooLate(long tp, long tm, Duration keep) {
        return tm - tp <= keep.toMillis();
    }

    /**
     * What an alert decides: its post version ({@link Post#versionKey()}), or that version's second decision with its
     * pictures' text ({@code versionKey#media}). A replay compares alerts decision by decision.
     */
    public static String decisionKey(Alert a) {
        String version = a.post().versionKey();
        boolean edit = a.mediaText() != null
                && a.id().equals(Alert.idFor(version + EDIT_SUFFIX, a.watchlistVersion(), a.registryVersion()));
        return edit ? version + EDIT_SUFFIX : version;
    }

    /**
     * The second decision of a post, with its media text, as it is written: under the id of the post version's key with
     * {@value #EDIT_SUFFIX}, and only when a picture's text counts in it.
     */
    public static Optional<Alert> asEdit(Alert withPictures) {
        if (withPictures.evidence().stream().noneMatch(Alert.Evidence::inPicture)) {
            return Optional.empty();
        }
        return Optional.of(withPictures.withId(Alert.idFor(withPictures.post().versionKey() + EDIT_SUFFIX,
                withPictures.watchlistVersion(), withPictures.registryVersion())));
    }
}
