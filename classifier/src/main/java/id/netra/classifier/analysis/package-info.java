/**
 * The parts of the analysis chain that undo the usual ways of hiding words from keyword matching: zero-width and
 * other invisible characters, letters of other scripts that look Latin, letters spaced, dotted or separated by emojis,
 * digits standing for letters. Each keeps the token's offsets in the original text, so evidence still points at what
 * the author wrote.
 */
package id.netra.classifier.analysis;
