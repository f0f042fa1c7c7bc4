//! The `BroadcastChannel` the app's tabs on one origin share: a message is the id of a workspace
//! that a tab wrote. The rule for what a tab does with it is in `state::session::other_tabs`.

use wasm_bindgen::closure::Closure;
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
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(id) = event.data().as_string() {
                on_change(id);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        // The tab listens for as long as it is open.
        listener.forget();
        Some(ChangeChannel { channel })
    }

    pub fn announce(&self, workspace_id: &str) {
        let _ = self
            .channel
            .post_message(&wasm_bindgen::JsValue::from_str(workspace_id));
    }
}
