//! Encrypted workspace files: the exported JSON wrapped in an envelope that says how it was
//! sealed, so that a file can be opened with the passphrase alone and the parameters can grow
//! later (see `docs/sharing.md`).
//!
//! ```json
//! { "type": "omnirx-encrypted", "version": 1,
//!   "kdf": { "name": "argon2id", "memory_kib": 19456, "iterations": 2, "parallelism": 1, "salt": "…" },
//!   "cipher": { "name": "xchacha20-poly1305", "nonce": "…" },
//!   "data_sha256": "…", "data": "…" }
//! ```
//!
//! The key is derived from the passphrase with Argon2id (RustCrypto `argon2`), the file sealed
//! with XChaCha20-Poly1305 (RustCrypto `chacha20poly1305`); binary fields are standard base64.
//! The envelope's header is the cipher's associated data, so changing a parameter fails like a
//! wrong passphrase would. `data_sha256`, a plain hash of the sealed bytes, tells a damaged file
//! (the hash does not match) from a wrong passphrase (it matches, the tag does not). Salt and
//! nonce are given by the caller (the browser's or the system's random source): the core has no
//! source of randomness, as it has no clock.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `type` of an encrypted file.
pub const ENVELOPE_TYPE: &str = "omnirx-encrypted";
/// Bytes of salt and of nonce the caller provides.
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 24;

/// How a key is derived: Argon2id with these costs. The defaults are OWASP's second
/// recommendation (19 MiB, 2 passes, 1 lane): about 0.1 s natively and 0.4 s in a desktop
/// browser's wasm (README's benchmark), under 1.5 s on a phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParameters {
    pub name: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CipherParameters {
    pub name: String,
    pub nonce: String,
}

/// The file as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u32,
    pub kdf: KdfParameters,
    pub cipher: CipherParameters,
    pub data_sha256: String,
    pub data: String,
}

/// Why a file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpenError {
    /// Not an encrypted OmniRx file (e.g. a plain workspace file).
    NotEncrypted,
    /// An envelope of a later version or with a method this build does not know.
    Unsupported { what: String },
    /// Cut short or changed: the sealed bytes are not the ones the envelope describes.
    Damaged,
    /// The passphrase does not open it (and nothing else is said).
    WrongPassphrase,
}

/// Whether bytes look like an encrypted OmniRx file (a JSON object whose `type` says so).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: Option<String>,
    }
    serde_json::from_slice::<Kind>(bytes).is_ok_and(|k| k.kind.as_deref() == Some(ENVELOPE_TYPE))
}

fn default_kdf(salt: &[u8; SALT_BYTES]) -> KdfParameters {
    KdfParameters {
        name: "argon2id".into(),
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
        salt: BASE64.encode(salt),
    }
}

fn derive_key(passphrase: &str, kdf: &KdfParameters) -> Result<[u8; 32], OpenError> {
    let unsupported = |what: &str| OpenError::Unsupported { what: what.into() };
    if kdf.name != "argon2id" {
        return Err(unsupported(&kdf.name));
    }
    // Costs beyond what a phone can bear are refused rather than tried.
    if kdf.memory_kib > 1 << 20 || kdf.iterations > 64 || kdf.parallelism > 16 {
        return Err(unsupported("argon2id costs"));
    }
    let salt = BASE64.decode(&kdf.salt).map_err(|_| OpenError::Damaged)?;
    let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|_| unsupported("argon2id costs"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
        .map_err(|_| OpenError::Damaged)?;
    Ok(key)
}

/// The associated data: everything in the envelope but the sealed bytes and their hash.
fn header_bytes(version: u32, kdf: &KdfParameters, cipher: &CipherParameters) -> Vec<u8> {
    serde_json::to_vec(&(ENVELOPE_TYPE, version, kdf, cipher)).expect("the header serialises")
}

/// Seals `plain` (a workspace file's bytes) with `passphrase`, as the JSON text of an envelope.
pub fn seal(
    plain: &[u8],
    passphrase: &str,
    salt: &[u8; SALT_BYTES],
    nonce: &[u8; NONCE_BYTES],
) -> String {
    let kdf = default_kdf(salt);
    let cipher_parameters = CipherParameters {
        name: "xchacha20-poly1305".into(),
        nonce: BASE64.encode(nonce),
    };
    let key = derive_key(passphrase, &kdf).expect("the default parameters are valid");
    let cipher = XChaCha20Poly1305::new((&key).into());
    let header = header_bytes(1, &kdf, &cipher_parameters);
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: plain,
                aad: &header,
            },
        )
        .expect("sealing in memory does not fail");
    let envelope = Envelope {
        kind: ENVELOPE_TYPE.into(),
        version: 1,
        kdf,
        cipher: cipher_parameters,
        data_sha256: BASE64.encode(Sha256::digest(&sealed)),
        data: BASE64.encode(&sealed),
    };
    serde_json::to_string_pretty(&envelope).expect("the envelope serialises")
}

/// Opens an envelope's bytes with `passphrase`: the workspace file's bytes.
pub fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, OpenError> {
    if !is_encrypted(bytes) {
        return Err(OpenError::NotEncrypted);
    }
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| OpenError::Damaged)?;
    if envelope.version != 1 {
        return Err(OpenError::Unsupported {
            what: format!("version {}", envelope.version),
        });
    }
    if envelope.cipher.name != "xchacha20-poly1305" {
        return Err(OpenError::Unsupported {
            what: envelope.cipher.name.clone(),
        });
    }
    let sealed = BASE64
        .decode(&envelope.data)
        .map_err(|_| OpenError::Damaged)?;
    let hash = BASE64
        .decode(&envelope.data_sha256)
        .map_err(|_| OpenError::Damaged)?;
    if Sha256::digest(&sealed).as_slice() != hash.as_slice() {
        return Err(OpenError::Damaged);
    }
    let nonce = BASE64
        .decode(&envelope.cipher.nonce)
        .ok()
        .filter(|nonce| nonce.len() == NONCE_BYTES)
        .ok_or(OpenError::Damaged)?;
    let key = derive_key(passphrase, &envelope.kdf)?;
    let header = header_bytes(envelope.version, &envelope.kdf, &envelope.cipher);
    XChaCha20Poly1305::new((&key).into())
        .decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: &header,
            },
        )
        .map_err(|_| OpenError::WrongPassphrase)
}
