//! The `BroadcastChannel` the app's tabs on one origin share: a message is the id of a workspace
//! that a tab wrote. The rule for what a tab does with it is in `state::session::other_tabs`.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name; every tab of the app on this origin joins it.
const CHANNEL_NAME: &str = "omnirx-changes";

/// This tab's end of the channel. A message is the id of a workspace that was written.
#[derive(Clone)]
pub struct ChangeChannel {
    channel: BroadcastChannel,
}

impl ChangeChannel {
    /// Joins the channel; `None` where the browser has no BroadcastChannel.
    pub fn join(on_change: impl Fn(String) + 'static) -> Option<ChangeChannel> {
        let channel = BroadcastChannel::new(CHANNEL_NAME).ok()?;
        EventListener::new(&channel, "message", move |event| {
            if let Some(id) = event
                .dyn_ref::<MessageEvent>()
                .and_then(|event| event.data().as_string())
            {
                on_change(id);
            }
        })
        // The tab listens for as long as it is open.
        .forget();
        Some(ChangeChannel { channel })
    }

    pub fn announce(&self, workspace_id: &str) {
        let _ = self
            .channel
            .post_message(&wasm_bindgen::JsValue::from_str(workspace_id));
    }
}
