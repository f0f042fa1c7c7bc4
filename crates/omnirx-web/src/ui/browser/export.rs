//! Saving a chart as a file: its SVG markup standalone, or a PNG drawn from it on a canvas.
//!
//! The PNG goes through a `blob:` URL (the CSP allows `img-src 'self' data: blob:`) into an
//! `<img>`, onto a white canvas, and out through `canvas.toBlob`; every URL is revoked after use
//! (a `gloo_file::ObjectUrl` revokes its URL when dropped).

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::{JsCast, JsValue};

use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::palette::BACKGROUND_COLOUR;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The width and height of a `viewBox` attribute ("0 0 960 420" → (960, 420)).
pub fn view_box_size(view_box: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = view_box
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers.as_slice() {
        [_, _, width, height] if *width > 0.0 && *height > 0.0 => Some((*width, *height)),
        _ => None,
    }
}

/// Adds the SVG namespace to the root `<svg` tag if the serializer left it out, and puts the
/// XML declaration in front.
pub fn standalone_svg(markup: &str) -> String {
    let markup = markup.trim_start();
    let root_end = markup.find('>').unwrap_or(markup.len());
    let body = if markup.starts_with("<svg") && !markup[..root_end].contains("xmlns=") {
        format!("<svg xmlns=\"{SVG_NAMESPACE}\"{}", &markup[4..])
    } else {
        markup.to_string()
    };
    format!("{XML_DECLARATION}{body}")
}

/// The chart as a standalone SVG document: a copy with the `viewBox` size as its width and height
/// (so a viewer or an `<img>` knows its size), serialized, with namespace and XML declaration.
pub fn svg_markup(svg: &web_sys::Element) -> String {
    let copy = svg
        .clone_node_with_deep(true)
        .ok()
        .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        .unwrap_or_else(|| svg.clone());
    if let Some((width, height)) = copy
        .get_attribute("viewBox")
        .as_deref()
        .and_then(view_box_size)
    {
        let _ = copy.set_attribute("width", &svg_number(width));
        let _ = copy.set_attribute("height", &svg_number(height));
    }
    let markup = web_sys::XmlSerializer::new()
        .and_then(|serializer| serializer.serialize_to_string(&copy))
        .unwrap_or_else(|_| copy.outer_html());
    standalone_svg(&markup)
}

/// Offers the chart to the user as an SVG file.
pub fn download_svg(svg: &web_sys::Element, file_name: &str) -> Result<(), String> {
    crate::ui::browser::download_text(file_name, &svg_markup(svg), "image/svg+xml")
}

/// Offers the chart to the user as a PNG file, `scale` device pixels per SVG unit (2 for a sharp
/// slide). It finishes asynchronously; a failure is logged to the console, not shown.
pub fn download_png(svg: &web_sys::Element, file_name: &str, scale: f64) {
    let markup = svg_markup(svg);
    let size = svg
        .get_attribute("viewBox")
        .as_deref()
        .and_then(view_box_size);
    let file_name = file_name.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(problem) = draw_and_download_png(&markup, size, &file_name, scale).await {
            leptos::logging::warn!("PNG export failed: {problem}");
        }
    });
}

async fn draw_and_download_png(
    markup: &str,
    size: Option<(f64, f64)>,
    file_name: &str,
    scale: f64,
) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let svg_url = ObjectUrl::from(Blob::new_with_options(
        markup,
        Some("image/svg+xml;charset=utf-8"),
    ));
    let image = web_sys::HtmlImageElement::new().map_err(|_| "no image element")?;
    image.set_src(&svg_url);
    let loaded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    drop(svg_url);
    loaded.map_err(|_| "the browser could not draw the chart")?;

    let (width, height) = size.unwrap_or((
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    ));
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let pixel_width = (width * scale).round().max(1.0);
    let pixel_height = (height * scale).round().max(1.0);
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    canvas.set_width(pixel_width as u32);
    canvas.set_height(pixel_height as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no 2D canvas")?
        .dyn_into()
        .map_err(|_| "no 2D canvas")?;
    context.set_fill_style_str(BACKGROUND_COLOUR);
    context.fill_rect(0.0, 0.0, pixel_width, pixel_height);
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            pixel_width,
            pixel_height,
        )
        .map_err(|_| "the browser could not draw the chart")?;

    let canvas_for_blob = canvas.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if canvas_for_blob.to_blob(&resolve).is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let png = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| "the browser could not make the PNG")?
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| "the browser could not make the PNG")?;
    let png_url = ObjectUrl::from(png);
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&png_url);
    anchor.set_download(file_name);
    anchor.click();
    drop(png_url);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_box_gives_the_size() {
        assert_eq!(view_box_size("0 0 960 420"), Some((960.0, 420.0)));
        assert_eq!(view_box_size("0,0,480.5,100"), Some((480.5, 100.0)));
        assert_eq!(view_box_size("0 0 0 100"), None);
        assert_eq!(view_box_size("nonsense"), None);
        assert_eq!(view_box_size(""), None);
    }

    #[test]
    fn a_standalone_svg_has_its_namespace_once_and_a_declaration() {
        let plain = standalone_svg("<svg viewBox=\"0 0 1 1\"><text>&lt;script&gt;</text></svg>");
        assert!(plain.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox"));
        assert!(plain.contains("&lt;script&gt;"));
        let already = standalone_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>");
        assert_eq!(already.matches("xmlns=").count(), 1);
    }
}
