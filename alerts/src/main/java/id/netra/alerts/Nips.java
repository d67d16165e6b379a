package id.netra.alerts;

/** NIPs in lists show the birth date and the last two digits only; the case page shows them whole. */
final class Nips {
    private Nips() {
    }

    static String mask(String nip) {
        if (nip == null || nip.length() != 18) {
            return "••••";
        }
        return nip.substring(0, 8) + "********" + nip.substring(16);
    }
}
