package id.netra.model;

/**
 * The latest version of a post ingest emitted. Value of the compacted {@code ingest-seen} topic, keyed like the post,
 * written in the same transaction as the post: an unchanged post is not emitted again, an edited one is emitted as
 * version {@code version + 1}.
 */
public record SeenPost(String contentHash, int version) {
    public SeenPost {
        Validate.notBlank(contentHash, "contentHash");
        Validate.isTrue(version >= 1, "version must be at least 1, not " + version);
    }
}
