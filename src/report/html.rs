//! What coach's HTML pages share: outside text made safe, and a head that lets a page load
//! nothing at all.

use super::neutral::visible;
use std::fmt::Write;

/// Outside text for a page: neutral (control characters made visible), then escaped.
pub fn text(raw: &str) -> String {
    escape(&visible(raw))
}

/// `&`, `<`, `>` and both quotes as entities, so text can never close an element or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's opening up to `<body>`: the styles inline, and a Content-Security-Policy that
/// forbids fetching or running anything, so the page reads the same offline and nothing an
/// answer holds can make it reach out. `title` is escaped here.
pub fn head(out: &mut String, title: &str, generator: &str, style: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{generator}\">\n\
         <title>{}</title>\n<style>\n{style}</style>\n</head>\n<body>\n",
        text(title)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(text("a\u{1b}[2Jb"), "&quot;a\\e[2Jb&quot;");
    }

    #[test]
    fn the_head_forbids_loading_anything() {
        let mut page = String::new();
        head(&mut page, "<b>bank</b>", "coach score", "body {}\n");
        assert!(page.contains("default-src 'none'"));
        assert!(page.contains("<title>&lt;b&gt;bank&lt;/b&gt;</title>"));
    }
}
