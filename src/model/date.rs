//! RFC 3339 dates (`2018-04-04`) and date-times (`2018-04-05T09:30:00Z`).

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `s` is an RFC 3339 `full-date`.
#[must_use]
pub fn is_full_date(s: &str) -> bool {
    let (Some(y), Some(m), Some(d)) = (s.get(0..4), s.get(5..7), s.get(8..10)) else {
        return false;
    };
    if s.len() != 10 || s.as_bytes().get(4) != Some(&b'-') || s.as_bytes().get(7) != Some(&b'-') {
        return false;
    }
    match (number(y), number(m), number(d)) {
        (Some(year), Some(month @ 1..=12), Some(day)) => {
            day >= 1 && day <= days_in_month(year, month)
        }
        _ => false,
    }
}

/// Whether `s` is an RFC 3339 `full-time`: `09:30:00`, `09:30:00.5`, then `Z` or an offset.
fn is_full_time(s: &str) -> bool {
    let (Some(h), Some(m), Some(sec)) = (s.get(0..2), s.get(3..5), s.get(6..8)) else {
        return false;
    };
    let bytes = s.as_bytes();
    if bytes.get(2) != Some(&b':') || bytes.get(5) != Some(&b':') {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (number(h), number(m), number(sec)) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = s.get(8..).unwrap_or("");
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = fraction.get(digits..).unwrap_or("");
    }
    if rest.eq_ignore_ascii_case("z") {
        return true;
    }
    let (Some(sign), Some(oh), Some(om)) = (rest.get(0..1), rest.get(1..3), rest.get(4..6)) else {
        return false;
    };
    rest.len() == 6
        && (sign == "+" || sign == "-")
        && rest.as_bytes().get(3) == Some(&b':')
        && matches!((number(oh), number(om)), (Some(0..=23), Some(0..=59)))
}

/// Whether `s` is an RFC 3339 `full-date` or `date-time`.
#[must_use]
pub fn is_date_or_date_time(s: &str) -> bool {
    if !s.is_ascii() {
        return false;
    }
    match (s.get(..10), s.get(10..11), s.get(11..)) {
        (Some(date), None, None) => is_full_date(date),
        (Some(date), Some("T" | "t"), Some(time)) => is_full_date(date) && is_full_time(time),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_date_or_date_time;

    #[test]
    fn rfc3339_dates_and_date_times() {
        let cases = [
            ("2018-04-04", true),
            ("2018-04-05T09:30:00Z", true),
            ("2018-04-05t09:30:00z", true),
            ("2018-04-05T09:30:00.250+08:00", true),
            ("2018-04-05T09:30:00-05:00", true),
            ("2016-02-29", true),
            ("2018-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2018-04-31", false),
            ("2018-13-01", false),
            ("2018-00-10", false),
            ("2018-4-4", false),
            ("04/04/2018", false),
            ("Apr 04, 2018", false),
            ("2018-04-05T09:30:00", false),
            ("2018-04-05T24:00:00Z", false),
            ("2018-04-05T09:30Z", false),
            ("2018-04-05T09:30:00.Z", false),
            ("2018-04-05T09:30:00+0800", false),
            ("2018-04-05 09:30:00Z", false),
            ("2018-04-04\u{00e9}", false),
            ("", false),
        ];
        for (s, expected) in cases {
            assert_eq!(is_date_or_date_time(s), expected, "{s:?}");
        }
    }
}
