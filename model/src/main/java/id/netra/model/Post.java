package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A public post, exactly the fields of {@code shared/data/FORMATS.md}. Value of the {@code posts} topic,
 * keyed by {@link #key()}.
 *
 * @param publishedAt kept with its original offset, so a post re-serialises to what was collected
 * @param provenance  how ingest collected it (source, request, payload hash, content version); absent in the
 *                    files of FORMATS.md and left out of the JSON when absent
 * @param target      what this comment, reply, reaction, join or share answers, reacts to or joins; {@code null} when
 *                    not known (and always for an original post), left out of the JSON then
 * @param media       the pictures and videos attached, with their alt text; empty (and left out of the JSON) when none
 */
public record Post(
        Platform platform,
        String postId,
        URI url,
        Author author,
        String text,
        OffsetDateTime publishedAt,
        PostKind kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance,
        @JsonInclude(JsonInclude.Include.NON_NULL) PostTarget target,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Media> media) {

    public Post {
        Validate.notNull(platform, "platform");
        Validate.notBlank(postId, "postId");
        Validate.notNull(url, "url");
        Validate.notNull(author, "author");
        Validate.notNull(text, "text");
        Validate.notNull(publishedAt, "publishedAt");
        Validate.notNull(kind, "kind");
        target = target == null ? null : target.onPlatform(platform);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A post as the files of FORMATS.md give it, without provenance, target or media. */
    public Post(Platform platform, String postId, URI url, Author author, String text, OffsetDateTime publishedAt, PostKind kind) {
        this(platform, postId, url, author, text, publishedAt, kind, null, null, List.of());
    }

    /** A post with provenance, without target or media (as every post was before interactions were collected). */
    public Post(Platform platform, String postId, URI url, Author author, String text, OffsetDateTime publishedAt, PostKind kind,
                Provenance provenance) {
        this(platform, postId, url, author, text, publishedAt, kind, provenance, null, List.of());
    }

    /** This post with {@code provenance} (replacing any). */
    public Post withProvenance(Provenance provenance) {
        return new Post(platform, postId, url, author, text, publishedAt, kind, provenance, target, media);
    }

    /** This post with {@code target} and {@code media} (replacing any). */
    public Post withInteraction(PostTarget target, List<Media> media) {
        return new Post(platform, postId, url, author, text, publishedAt, kind, provenance, target, media);
    }

    /**
     * SHA-256 (hex) of what an edit can change: author handle and name, text, publication time, kind and address, and
     * the target and media where there are any. Ingest emits a post again only when this changes; the provenance is not
     * part of it. A post without target and media hashes as it did before those existed, so ingest does not take every
     * post it saw before for an edit.
     */
    @JsonIgnore
    public String contentHash() {
        String base = String.join("\u0000", author.handle(), String.valueOf(author.displayName()), text,
                publishedAt.toString(), kind.id(), url.toString());
        if (target == null && media.isEmpty()) {
            return Alert.sha256Hex(base);
        }
        StringBuilder more = new StringBuilder(base);
        if (target != null) {
            more.append("\u0000target\u0000").append(target.platform().id()).append('\u0000').append(target.postId())
                    .append('\u0000').append(target.url()).append('\u0000').append(target.author() == null ? null : target.author().handle());
        }
        for (Media m : media) {
            more.append("\u0000media\u0000").append(m.type().id()).append('\u0000').append(m.url()).append('\u0000').append(m.alt());
            if (m.cover() != null) {
                more.append("\u0000cover\u0000").append(m.cover());
            }
            if (m.captions() != null) {
                more.append("\u0000captions\u0000").append(m.captions());
            }
        }
        return Alert.sha256Hex(more.toString());
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
