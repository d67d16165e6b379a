package id.netra.model;

/**
 * The account that published a post.
 *
 * @param handle      the handle as the platform shows it (case and a leading {@code @} may differ from the registry)
 * @param displayName the shown name, or {@code null} when the platform gave none
 */
public record Author(String handle, String displayName) {
    public Author {
        Validate.notBlank(handle, "author.handle");
    }
}
