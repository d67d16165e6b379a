package id.netra.model;

/** A line of an input file that was rejected, with the reason. Lines count from 1. */
public record LineError(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
