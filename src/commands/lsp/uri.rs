//! `file://` URIs as editors send them, and the paths they name.

use std::path::PathBuf;

/// The local path of a `file://` URI (percent-escapes decoded); `None` for any other scheme
/// (an unsaved buffer, a remote file): such a document is scored as if read from stdin.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/x` has an empty host; `file://localhost/home/x` names this machine.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// Percent-decoding; `None` when an escape is cut short or not hexadecimal.
fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_name_their_paths_with_escapes_decoded() {
        assert_eq!(
            to_path("file:///home/me/prep%20notes/answer.md"),
            Some(PathBuf::from("/home/me/prep notes/answer.md"))
        );
        assert_eq!(
            to_path("file://localhost/tmp/a.md"),
            Some(PathBuf::from("/tmp/a.md"))
        );
    }

    #[test]
    fn other_uris_name_no_path() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/a.md"), None);
        assert_eq!(to_path("file:///bad%2"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
    }
}
