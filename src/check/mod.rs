//! The rules that turn a read submission into findings (not yet implemented).
