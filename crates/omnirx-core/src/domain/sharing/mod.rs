//! Sharing workspaces as a team (`docs/sharing.md`): a part of a workspace to send
//! ([`subset`]), a copy without real people for training ([`anonymise`]), and a file sealed with
//! a passphrase for e-mail ([`envelope`]). Each is a plain function of a workspace or of a file's
//! bytes; the page and the command line only call them.

pub mod anonymise;
pub mod envelope;
pub mod subset;
