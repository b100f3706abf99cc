use super::*;

fn read(text: &str) -> Option<(String, Option<String>)> {
    read_colour(text).map(|c| {
        if let Some((written, _)) = &c.slip {
            assert_eq!(written, text, "the note quotes the text as written");
        }
        (c.hex, c.slip.map(|(_, slip)| slip))
    })
}

#[test]
fn colours_as_written_are_read_without_a_note() {
    for (text, hex) in [
        ("#BEF264", "#BEF264"),
        ("#bef264", "#BEF264"),
        ("  #BeF264 ", "#BEF264"),
        ("#0a0", "#00AA00"),
        ("#FFF", "#FFFFFF"),
    ] {
        assert_eq!(read(text), Some((hex.to_string(), None)), "{text:?}");
    }
}

#[test]
fn colour_typos_are_read_and_said() {
    for (text, hex, slip) in [
        ("##BEF264", "#BEF264", "a doubled #"),
        ("###bef264", "#BEF264", "a doubled #"),
        (" ##BEF264", "#BEF264", "a doubled #"),
        ("BEF264", "#BEF264", "without its #"),
        ("bef264 ", "#BEF264", "without its #"),
        ("0A0", "#00AA00", "without its #"),
        ("# BEF264", "#BEF264", "a space after #"),
        ("#BEF26480", "#BEF264", "an alpha channel"),
        ("#0a08", "#00AA00", "an alpha channel"),
        (
            "##0a08",
            "#00AA00",
            "a doubled # and an alpha channel, dropped",
        ),
        ("## fc3", "#FFCC33", "a doubled # and a space after #"),
        ("orange", "#FFA500", "a CSS colour name"),
        ("Red", "#FF0000", "a CSS colour name"),
        (" Light Green ", "#90EE90", "a CSS colour name"),
        ("dark-red", "#8B0000", "a CSS colour name"),
        ("rebeccapurple", "#663399", "a CSS colour name"),
        ("GREY", "#808080", "a CSS colour name"),
    ] {
        let (got, said) = read(text).unwrap_or_else(|| panic!("{text:?} not read"));
        assert_eq!(got, hex, "{text:?}");
        let said = said.unwrap_or_else(|| panic!("{text:?} read without a note"));
        assert!(said.starts_with(slip), "{text:?}: {said}");
    }
}

#[test]
fn unreadable_colours_are_not_guessed() {
    for text in [
        "",
        " ",
        "#",
        "##",
        "#FFAA0",
        "#FFAA000",
        "#GGHHII",
        "FFAA0G",
        "light orange",
        "#12345",
        "cafe",
        "deadbeef",
        "transparent",
        "rgb(0, 128, 0)",
        "#FF AA 00",
        "0x00FF00",
        "é",
    ] {
        assert_eq!(read(text), None, "{text:?}");
    }
}

#[test]
fn css_colour_table_is_sorted_and_well_formed() {
    assert!(CSS_COLOURS.windows(2).all(|w| w[0].0 < w[1].0));
    for (name, hex) in CSS_COLOURS {
        assert!(name.chars().all(|c| c.is_ascii_lowercase()), "{name}");
        assert_eq!(
            read_colour(hex).map(|c| c.hex).as_deref(),
            Some(hex),
            "{name}"
        );
    }
    assert_eq!(css_colour("black"), Some("#000000"));
    assert_eq!(css_colour("white"), Some("#FFFFFF"));
    assert_eq!(css_colour("yellowgreen"), Some("#9ACD32"));
}

/// Hue in degrees, 0 for red, 120 for green.
fn hue(hex: &str) -> f64 {
    let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
    let (r, g, b) = (channel(1), channel(3), channel(5));
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    assert!(max > min, "{hex} is grey");
    let h = if max == r {
        60.0 * ((g - b) / (max - min))
    } else if max == g {
        60.0 * ((b - r) / (max - min) + 2.0)
    } else {
        60.0 * ((r - g) / (max - min) + 4.0)
    };
    h.rem_euclid(360.0)
}

#[test]
fn palette_runs_from_green_to_red_by_rank() {
    for n in 2..=MAX_LEVELS {
        let ramp: Vec<&str> = (0..n).map(|k| palette_colour(k, n)).collect();
        assert_eq!(ramp[0], GREEN, "{n} levels");
        assert_eq!(ramp[n - 1], RED, "{n} levels");
        // Every step moves from green towards red, and no two levels share a colour.
        let hues: Vec<f64> = ramp.iter().map(|c| hue(c)).collect();
        assert!(
            hues.windows(2).all(|w| w[0] > w[1]),
            "{n}: {ramp:?} {hues:?}"
        );
        assert!(hues[0] > 90.0 && hues[n - 1] < 10.0, "{hues:?}");
        for c in &ramp {
            assert_eq!(read_colour(c).map(|r| r.hex).as_deref(), Some(*c));
        }
    }
    assert_eq!(
        (0..4).map(|k| palette_colour(k, 4)).collect::<Vec<_>>(),
        [GREEN, YELLOW, ORANGE, RED],
        "four levels as the built-in 4×4 preset colours them"
    );
    // Beyond the ramp (never with MAX_LEVELS levels), the highest colour holds.
    assert_eq!(palette_colour(9, 3), RED);
}

#[test]
fn missing_risk_colours_are_supplied_by_rank_and_noted() {
    let yaml = r#"
objects:
  risk_matrix:
  - name: No colours
    probability: [{name: Low}, {name: High}]
    impact: [{name: Low}, {name: High}]
    risk:
    - {name: Low}
    - {name: Medium, hexcolor: ''}
    - {name: High, hexcolor: '##c62828'}
    - name: Very high
      hexcolor: #C62828
    grid: [[0, 1], [2, 3]]
"#;
    let library = parse_ciso_assistant(yaml).unwrap();
    let colours: Vec<&str> = library.matrices[0]
        .levels
        .iter()
        .map(|l| l.colour.as_str())
        .collect();
    assert_eq!(colours, [GREEN, YELLOW, "#C62828", RED]);
    let notes: Vec<String> = library.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(
        notes[0],
        "risk_matrix[0].risk[2].hexcolor: read \"##c62828\" as #C62828 (a doubled #)"
    );
    assert!(
        notes[1].starts_with(
            "risk_matrix[0].risk: 3 of the 4 risk levels have no hexcolor (missing, empty, \
                 or an unquoted # that YAML reads as a comment); gave colours by rank"
        ) && notes[1].ends_with("Low #2E7D32, Medium #FBC02D, Very high #C62828"),
        "{}",
        notes[1]
    );
    assert!(library.notes.iter().all(|n| n.matrix == 0));
    assert_eq!(library.notes_for(0).count(), 2);
    assert_eq!(library.notes_for(1).count(), 0);
}
