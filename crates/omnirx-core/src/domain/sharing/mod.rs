//! Sharing workspaces as a team (`docs/sharing.md`): a part of a workspace to send
//! ([`subset`]), a copy without real people for training ([`anonymise`]), a file sealed with a
//! passphrase for e-mail ([`envelope`]), and several reps' files put together ([`merge`]), each
//! record remembering the file it came from ([`provenance`]). Each is a plain function of a
//! workspace or of a file's bytes; the page and the command line only call them.

pub mod anonymise;
pub mod envelope;
pub mod merge;
pub mod provenance;
pub mod subset;
