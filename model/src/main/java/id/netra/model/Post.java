package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.OffsetDateTime;

/**
 * A public post, exactly the fields of {@code shared/data/FORMATS.md}. Value of the {@code posts} topic,
 * keyed by {@link #key()}.
 *
 * @param publishedAt kept with its original offset, so a post re-serialises to what was collected
 * @param provenance  how ingest collected it (source, request, payload hash, content version); absent in the
 *                    files of FORMATS.md and left out of the JSON when absent
 */
public record Post(
        Platform platform,
        String postId,
        URI url,
        Author author,
        String text,
        OffsetDateTime publishedAt,
        PostKind kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

    public Post {
        Validate.notNull(platform, "platform");
        Validate.notBlank(postId, "postId");
        Validate.notNull(url, "url");
        Validate.notNull(author, "author");
        Validate.notNull(text, "text");
        Validate.notNull(publishedAt, "publishedAt");
        Validate.notNull(kind, "kind");
    }

    /** A post as the files of FORMATS.md give it, without provenance. */
    public Post(Platform platform, String postId, URI url, Author author, String text, OffsetDateTime publishedAt, PostKind kind) {
        this(platform, postId, url, author, text, publishedAt, kind, null);
    }

    /** This post with {@code provenance} (replacing any). */
    public Post withProvenance(Provenance provenance) {
        return new Post(platform, postId, url, author, text, publishedAt, kind, provenance);
    }

    /**
     * SHA-256 (hex) of what an edit can change: author handle and name, text, publication time, kind and address.
     * Ingest emits a post again only when this changes; the provenance is not part of it.
     */
    @JsonIgnore
    public String contentHash() {
        return Alert.sha256Hex(String.join("\u0000", author.handle(), String.valueOf(author.displayName()), text,
                publishedAt.toString(), kind.id(), url.toString()));
    }

    /**
     * The key of this version of the post: {@link #key()} for the first version (and for posts without provenance),
     * {@code key#vN} for the N-th edit seen. Alert ids derive from it, so an edited post gets its own alert.
     */
    @JsonIgnore
    public String versionKey() {
        return provenance == null || provenance.version() <= 1 ? key() : key() + "#v" + provenance.version();
    }

    /** The Kafka key of this post: {@code platform:postId}, unique across platforms. */
    @JsonIgnore
    public String key() {
        return platform.id() + ":" + postId;
    }
}
