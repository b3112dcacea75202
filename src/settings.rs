//! The reader's own settings (`reading.md`): text size in five steps,
//! serif or sans-serif body text, and a theme. Each is unset until the
//! reader chooses it, so that the host's defaults (`--lectern-*`) hold
//! until then; a choice wins over them. Kept in `localStorage` as
//! `lectern:settings` (JSON), read and written by `browser.rs`; shared by
//! every widget on the page through `crate::widgets`.

/// A theme: `Auto` follows `prefers-color-scheme`; sepia and dark keep
/// their own palettes whatever the host sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    Auto,
    Light,
    Sepia,
    Dark,
}

impl Theme {
    pub const ALL: [Self; 4] = [Self::Auto, Self::Light, Self::Sepia, Self::Dark];

    /// The name in storage and in the widget's `data-theme`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Sepia => "sepia",
            Self::Dark => "dark",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The middle of the five text sizes, the default.
pub const DEFAULT_SIZE: u8 = 3;

/// What the reader chose; `None` where they have not.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Settings {
    /// 1 to 5.
    pub size: Option<u8>,
    /// Sans-serif (`true`) or serif body text.
    pub sans: Option<bool>,
    pub theme: Option<Theme>,
}

impl Settings {
    /// From stored values as JSON gives them; anything unknown is unset.
    #[must_use]
    pub fn from_stored(size: Option<f64>, font: Option<&str>, theme: Option<&str>) -> Self {
        Self {
            size: (1..=5).find(|&s| Some(f64::from(s)) == size),
            sans: match font {
                Some("sans") => Some(true),
                Some("serif") => Some(false),
                _ => None,
            },
            theme: theme.and_then(Theme::parse),
        }
    }

    /// The JSON stored under `lectern:settings`: the choices made.
    #[must_use]
    pub fn to_json(self) -> String {
        let mut json = String::from("{");
        let mut field = |text: String| {
            if json.len() > 1 {
                json.push(',');
            }
            json.push_str(&text);
        };
        if let Some(size) = self.size {
            field(format!("\"size\":{size}"));
        }
        if let Some(sans) = self.sans {
            field(format!(
                "\"font\":\"{}\"",
                if sans { "sans" } else { "serif" }
            ));
        }
        if let Some(theme) = self.theme {
            field(format!("\"theme\":\"{}\"", theme.name()));
        }
        json.push('}');
        json
    }

    /// The chosen size as the widget's `data-size` says it.
    #[must_use]
    pub fn size_name(self) -> Option<&'static str> {
        let n = usize::from(self.size?);
        ["1", "2", "3", "4", "5"].get(n.checked_sub(1)?).copied()
    }

    /// The size shown as checked.
    #[must_use]
    pub fn size_or_default(self) -> u8 {
        self.size.unwrap_or(DEFAULT_SIZE)
    }
}

#[cfg(test)]
mod tests {
    use super::{Settings, Theme};

    #[test]
    fn stored_settings_read_back_and_unknown_values_are_unset() {
        let all = Settings {
            size: Some(5),
            sans: Some(true),
            theme: Some(Theme::Sepia),
        };
        assert_eq!(all.to_json(), r#"{"size":5,"font":"sans","theme":"sepia"}"#);
        assert_eq!(
            Settings::from_stored(Some(5.0), Some("sans"), Some("sepia")),
            all
        );
        assert_eq!(Settings::default().to_json(), "{}");
        assert_eq!(
            Settings::from_stored(Some(6.0), Some("comic"), Some("neon")),
            Settings::default()
        );
        assert_eq!(Settings::from_stored(Some(2.5), None, None).size, None);
        assert_eq!(Settings::default().size_or_default(), 3);
    }
}
