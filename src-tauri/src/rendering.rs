//! How the window is painted on Linux.
//!
//! WebKitGTK composites the page with OpenGL. Where there is no GPU (a virtual machine, a
//! remote desktop, Xvfb), Mesa's software rasteriser (llvmpipe) stands in for one and
//! every frame goes through a GL emulated on the CPU. Measured with
//! `scripts/measure-ui.sh` on a 10,000-risk register under Xvfb: a keystroke in the search
//! box took 80–650 ms to paint, the web process spent ~5 s of CPU in llvmpipe after each
//! launch and held 289 MiB; with compositing off the same keystroke painted in 26–74 ms,
//! the CPU stayed idle and the web process held 189 MiB. So without a GPU the window is
//! painted by WebKit's own CPU painter, unless the user said otherwise.

use std::path::Path;

/// WebKitGTK's switch: any value but "0" turns compositing with OpenGL off.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether to paint without OpenGL: only when the user has not set WebKit's switch
/// themselves and the machine has no GPU render node (`/dev/dri/renderD*`).
pub fn paint_without_gl(user_setting: Option<&str>, has_render_node: bool) -> bool {
    user_setting.is_none() && !has_render_node
}

/// Whether the machine has a GPU that Mesa can render with.
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Chooses the painter before WebKit starts (it reads the variable when it starts the
/// web process). Call first thing, while the app has a single thread.
pub fn choose_painter() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let user_setting = std::env::var(DISABLE_COMPOSITING).ok();
    if paint_without_gl(
        user_setting.as_deref(),
        has_render_node(Path::new("/dev/dri")),
    ) {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_machine_without_a_gpu_paints_without_gl_and_the_user_decides_first() {
        assert!(paint_without_gl(None, false));
        assert!(!paint_without_gl(None, true));
        assert!(!paint_without_gl(Some("0"), false));
        assert!(!paint_without_gl(Some("1"), true));
    }

    #[test]
    fn a_render_node_is_found_among_the_dri_devices() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
