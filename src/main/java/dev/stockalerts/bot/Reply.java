package dev.stockalerts.bot;

import java.util.List;
import java.util.Objects;

/**
 * What the bot says: plain text (nothing in it is read as markup) and, under it, rows of buttons.
 *
 * @param buttons rows of inline keyboard buttons; empty for none
 */
public record Reply(String text, List<List<Button>> buttons) {
    /** Telegram refuses longer messages. */
    public static final int MAX_TEXT = 4096;

    /** A button whose press comes back as {@code data} (Telegram allows 1-64 bytes). */
    public record Button(String text, String data) {
        public Button {
            Objects.requireNonNull(text, "text");
            if (data.isEmpty() || data.length() > 64) throw new IllegalArgumentException("callback data must be 1-64 bytes: " + data);
        }
    }

    public Reply {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT) text = text.substring(0, MAX_TEXT - 1) + "…";
        buttons = buttons.stream().map(List::copyOf).toList();
    }

    public static Reply text(String text) {
        return new Reply(text, List.of());
    }
}
