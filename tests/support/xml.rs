//! A small XML 1.0 well-formedness check, enough for the JUnit report: one root element,
//! balanced tags, quoted attributes, known entities and only characters XML allows. Shared by
//! the tests and the `render` fuzz target, so both hold the report to the same rule.

/// `Ok` when `text` is a well-formed XML document of the kind coach writes; else what is wrong
/// and at which byte.
pub fn check(text: &str) -> Result<(), String> {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        return Err(format!("character U+{:04X} at byte {at}", c as u32));
    }
    let mut rest = text;
    if let Some(after) = rest.strip_prefix("<?xml") {
        let end = after.find("?>").ok_or("unclosed declaration")?;
        rest = &after[end + 2..];
    }
    let mut open: Vec<&str> = Vec::new();
    let mut seen_root = false;
    loop {
        let Some(lt) = rest.find('<') else {
            text_content(rest)?;
            if !rest.trim().is_empty() && open.is_empty() {
                return Err("text outside the root element".into());
            }
            break;
        };
        let before = &rest[..lt];
        text_content(before)?;
        if open.is_empty() && !before.trim().is_empty() {
            return Err("text outside the root element".into());
        }
        rest = &rest[lt + 1..];
        let gt = tag_end(rest).ok_or("unclosed tag")?;
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(expected) if expected == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let (body, empty) = match tag.strip_suffix('/') {
            Some(body) => (body, true),
            None => (tag, false),
        };
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = &body[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "_-:.".contains(c))
        {
            return Err(format!("bad tag name {name:?}"));
        }
        attributes(&body[name_end..])?;
        if open.is_empty() {
            if seen_root {
                return Err("a second root element".into());
            }
            seen_root = true;
        }
        if !empty {
            open.push(name);
        }
    }
    if !open.is_empty() {
        return Err(format!("unclosed elements {open:?}"));
    }
    if !seen_root {
        return Err("no root element".into());
    }
    Ok(())
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Where a tag ends: the first `>` outside a quoted attribute value.
fn tag_end(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn attributes(mut text: &str) -> Result<(), String> {
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(());
        }
        let eq = text.find('=').ok_or("attribute without a value")?;
        let name = &text[..eq];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "_-:.".contains(c))
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = text[eq + 1..]
            .strip_prefix('"')
            .ok_or("attribute value not in double quotes")?;
        let end = value.find('"').ok_or("unclosed attribute value")?;
        if value[..end].contains('<') {
            return Err("`<` in an attribute value".into());
        }
        text_content(&value[..end])?;
        text = &value[end + 1..];
    }
}

/// Character data: `&` only as a known entity or a character reference to an XML character.
fn text_content(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        rest = &rest[amp + 1..];
        let semi = rest.find(';').ok_or("`&` without `;`")?;
        let entity = &rest[..semi];
        let ok = match entity {
            "amp" | "lt" | "gt" | "quot" | "apos" => true,
            _ => {
                let number = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                number.and_then(char::from_u32).is_some_and(is_xml_char)
            }
        };
        if !ok {
            return Err(format!("bad reference &{entity};"));
        }
        rest = &rest[semi + 1..];
    }
    if text.contains('>') && text.contains("]]>") {
        return Err("`]]>` in character data".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_a_report_and_refuses_what_parsers_refuse() {
        let good = "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; &#10;\"><b/>t &lt;</a>\n";
        assert_eq!(check(good), Ok(()));
        for bad in [
            "<a>\u{fffe}</a>",
            "<a>\u{1}</a>",
            "<a><b></a>",
            "<a x=1/>",
            "<a>&#1;</a>",
            "<a>& b</a>",
            "<a/><b/>",
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
    }
}
