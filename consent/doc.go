// Package consent decides what of a peer's information may leave the
// program, to whom and why, under 42 CFR Part 2 (as amended in 2024) and
// HIPAA, and keeps the accounting of what went.
//
// # Concepts
//
// A [Consent] records the elements 42 CFR § 2.31(a) requires of a
// written consent. [CanDisclose] decides a [DisclosureRequest] against
// the peer's consents, or on a named [Exception], and returns a
// [Decision]; [Disclose] decides at the clock's time and appends the
// disclosure to the accounting of disclosures ([Disclosures]) before
// anything is sent. [CanAccess]
// decides who in and outside the program may read which kind of
// information ([InfoKind]).
//
// A Decision cannot be built or changed by hand: its fields are
// unexported, and it is bound to the peer, the recipient, the purpose or
// exception, and the kinds it releases. Package fhir exports a bundle only
// under a decision [Disclose] recorded, and refuses what it does not
// release.
//
// # Rules and sources
//
// Checked against 42 CFR Part 2 as amended by the final rule of
// 16 February 2024 (89 FR 12472; compliance date 16 February 2026):
//
//   - § 2.31(a): the consent's elements, with (a)(3) "a description of the
//     information … in a specific and meaningful fashion", (a)(4)(i)
//     recipients named or by class ([RecipientClass], for treatment,
//     payment and health care operations), (a)(4)(iii) and (a)(10) the
//     statements of a consent for those purposes, (a)(6) the right to
//     revoke, (a)(7) "none" as the expiry for those purposes;
//   - § 2.31(b): SUD counseling notes only on a consent for them alone;
//     § 2.31(c): no disclosure on an expired, deficient or revoked
//     consent (only consents that pass Validate are honoured); § 2.31(d):
//     a consent for use in proceedings is never combined with another
//     purpose;
//   - § 2.32(a): one of the two statements, word for word ([Statement1],
//     [Statement2]; the program picks one in [Options]); § 2.32(b): a clear
//     explanation of the consent's scope ([Decision.Scope]);
//   - § 2.51 (medical emergencies), § 2.12(c)(5) (crimes on the premises),
//     § 2.12(c)(6) (child abuse reports): see [Exception];
//   - § 2.25 and 45 CFR 164.528: the accounting of disclosures
//     ([DisclosureRecord]);
//   - HIPAA 45 CFR 164.502(b) (minimum necessary: payment and operations
//     get only what they need; treatment and the peer's own requests are
//     exempt), 164.512(j)(1)(i) (serious and imminent threats), 164.524
//     and 42 CFR § 2.23 (the peer's own access).
//
// This is not legal advice: state law may be stricter, and a program's
// counsel decides how it applies.
//
// # Deciding, recording, sending
//
// [Disclose] keeps "decide, record, send" consistent in three steps the
// host follows:
//
//  1. Disclose decides and appends a pending [DisclosureRecord]; a failed
//     append is an error and a refusal, so nothing is sent unrecorded.
//  2. The host sends the records with [Decision.Notice] and
//     [Decision.Scope] (package fhir puts both in the Bundle).
//  3. The host marks the entry [MarkSent] or [MarkFailed]. An entry left
//     pending (the host crashed between 1 and 3) counts as disclosed, the
//     safe reading for an accounting.
//
// A revocation racing a disclosure cannot slip between: Disclose commits
// the entry only while the consent is unchanged.
//
// # Refusals
//
// A refusal says the same to every requester ([Decision.Response]), so it
// does not reveal whether a consent exists; its reasons, for the
// program's staff, may.
//
// # Storage
//
// [Consents] and [Disclosures] are collections of package storage, kept
// on any driver with the library's versioned contract. The portable layer
// enforces their change rules on every write, whoever makes it: a consent
// is never edited (only its revocation and event day are recorded, once),
// and an entry of the accounting is never deleted and moves its status
// once. Disclose commits the entry with a check of the consent's version.
//
// # Time
//
// Decisions take days (expiry, expiry events, assignments) in the
// program's zone ([Options].Location). [CanDisclose] and [CanAccess] decide
// at the request's time; [Disclose], [Revoke], [EndByEvent], [MarkSent]
// and [MarkFailed] read the clock from [Options].Now.
//
// # Privacy
//
// Consent, DisclosureRequest, DisclosureRecord, AccessFacts and Decision
// print (every fmt verb) and log (slog.LogValuer) IDs and codes only.
// slog's JSONHandler marshals a slice or map of them as JSON, which is
// their complete wire format: log collections by their IDs. Reasons are written from the
// package's own words; errors name IDs, field paths and rule codes.
package consent

//go:generate go run ../internal/cmd/gen
