//! The reader's settings (`reading.md`): a button that opens a small panel
//! of three radio groups, each with a visible legend and labels: text size
//! in five steps, serif or sans-serif, and the theme. Escape closes the
//! panel and gives focus back to the button. A choice applies at once (to
//! every widget on the page: the Reader's handler). The radios exist only
//! while the panel is open: a page goes live with 28 elements, 41
//! attributes and 11 listeners fewer to check and hydrate.

use yew::prelude::*;

use crate::i18n::{Catalog, Key};
use crate::settings::{Settings, Theme};

/// What [`settings_panel`] shows.
pub struct SettingsProps<'a> {
    pub ui: &'a Catalog,
    /// Unique prefix for element ids and the radio groups' names.
    pub id_prefix: &'a str,
    pub settings: Settings,
    pub open: bool,
    /// The host sets its own typeface (then, until the reader chooses,
    /// neither choice is the face in force).
    pub host_face: bool,
    pub button_ref: &'a NodeRef,
    pub on_toggle: &'a Callback<()>,
    /// Escape inside the open panel.
    pub on_close: &'a Callback<()>,
    pub on_change: &'a Callback<Settings>,
}

/// One radio group: `name` unique on the page, each choice's label, whether
/// it is checked, and the settings it makes.
fn group(
    name: String,
    legend: AttrValue,
    choices: Vec<(AttrValue, bool, Settings)>,
    on_change: &Callback<Settings>,
) -> Html {
    let choices: Html = choices
        .into_iter()
        .map(|(label, checked, settings)| {
            html! {
                <label class="lc-settings__choice">
                    // A click (arrow keys click too) also re-applies the
                    // choice shown: it then wins over the host's default.
                    <input type="radio" name={name.clone()} {checked}
                        onclick={on_change.reform(move |_: MouseEvent| settings)} />{ label }
                </label>
            }
        })
        .collect();
    html! {
        <fieldset class="lc-settings__group">
            <legend class="lc-settings__legend">{ legend }</legend>
            { choices }
        </fieldset>
    }
}

pub fn settings_panel(props: &SettingsProps<'_>) -> Html {
    let ui = props.ui;
    let s = props.settings;
    let open = props.open;
    let panel_id = format!("{}-settings", props.id_prefix);
    let name = |group: &str| format!("{}-{group}", props.id_prefix);
    let sizes = (1..=5_u8)
        .zip(ui.sizes())
        .map(|(n, label)| {
            (
                label,
                s.size_or_default() == n,
                Settings { size: Some(n), ..s },
            )
        })
        .collect();
    // Until the reader chooses, the face in force is ours, serif, unless
    // the host sets its own (`--lectern-font-body`), which is neither: the
    // choice in force shows as checked.
    let typefaces = [(false, Key::TypefaceSerif), (true, Key::TypefaceSans)]
        .into_iter()
        .map(|(v, key)| {
            let checked = s.sans.map_or(!props.host_face && !v, |sans| sans == v);
            (ui.text(key), checked, Settings { sans: Some(v), ..s })
        })
        .collect();
    let theme = s.theme.unwrap_or(Theme::Auto);
    let themes = Theme::ALL
        .into_iter()
        .zip(
            [
                Key::ThemeAuto,
                Key::ThemeLight,
                Key::ThemeSepia,
                Key::ThemeDark,
            ]
            .map(|k| ui.text(k)),
        )
        .map(|(t, label)| {
            (
                label,
                theme == t,
                Settings {
                    theme: Some(t),
                    ..s
                },
            )
        })
        .collect();
    let onkeydown = super::escape_closes(open, props.on_close);
    html! {
        <div class="lc-settings" {onkeydown}>
            <button type="button" class="lc-settings__toggle" ref={props.button_ref.clone()}
                onclick={props.on_toggle.reform(|_: MouseEvent| ())}
                aria-expanded={if open { "true" } else { "false" }} aria-controls={panel_id.clone()}>
                { ui.text(Key::Settings) }
            </button>
            // A closed panel holds nothing (see the module's doc).
            <div id={panel_id} class="lc-settings__panel" hidden={!open}>
                if open {
                    { group(name("size"), ui.text(Key::TextSize), sizes, props.on_change) }
                    { group(name("font"), ui.text(Key::Typeface), typefaces, props.on_change) }
                    { group(name("theme"), ui.text(Key::Theme), themes, props.on_change) }
                }
            </div>
        </div>
    }
}
