//! Text bound for the terminal, made harmless.
//!
//! Messages quote what project files hold: ids, currencies, titles, source lines. A
//! project file can hold escape sequences that clear the screen and print a fake
//! "all checks passed", set the clipboard (OSC 52) or hide a link (OSC 8), and
//! bidirectional overrides that make a line read differently from what it is. Every
//! text printed by a command passes through [`escape`], which shows such characters as
//! `\u{1b}` instead of sending them; line breaks and tabs, which our own messages use,
//! stay as they are.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character except `\n` and `\t`, and every bidirectional
/// formatting character, written as `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes `text`, escaped, and a line break to `out`. A message that cannot be written is
/// dropped: a reader that went away (`uplift check 2>&1 | head`) is no reason to panic, as
/// `println!` would, and the exit code still says how the command ended.
pub fn write_line(mut out: impl std::io::Write, text: &str) {
    let _ = writeln!(out, "{}", escape(text));
}

/// Prints `text` and a line break to standard output, escaped.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::terminal::write_line(std::io::stdout().lock(), &format!($($arg)*))
    };
}

/// Prints `text` and a line break to standard error, escaped.
#[macro_export]
macro_rules! warn {
    ($($arg:tt)*) => {
        $crate::terminal::write_line(std::io::stderr().lock(), &format!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn screen_clearing_sequence_is_shown_not_sent() {
        let fake = "\u{1b}[2J\u{1b}[1;1HFAKE OK: all checks passed";
        assert_eq!(escape(fake), "\\u{1b}[2J\\u{1b}[1;1HFAKE OK: all checks passed");
    }

    #[test]
    fn clipboard_and_link_sequences_are_shown_not_sent() {
        assert_eq!(escape("a\u{1b}]52;c;ZXZpbA==\u{7}b"), "a\\u{1b}]52;c;ZXZpbA==\\u{7}b");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn bidirectional_overrides_are_shown() {
        assert_eq!(escape("id\u{202e}gnp.exe"), "id\\u{202e}gnp.exe");
    }

    #[test]
    fn ordinary_text_with_line_breaks_is_unchanged() {
        let text = "error: segments.yaml:3:5: x\n  = hint: é, ø, å\tok";
        assert!(matches!(escape(text), std::borrow::Cow::Borrowed(t) if t == text));
    }
}
