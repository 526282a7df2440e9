// Package boundary turns the ethics and privacy principles of peer support
// into checks a host runs before and after things happen, with answers a
// person can read: a [Policy] of rules that finds what needs attention in
// an [Action], and decisions on who may read or receive a peer's
// information ([CanAccess], [CanDisclose]) under the peer's [Consent].
//
// Peer specialists hold themselves to the same legal, ethical and
// professional principles as clinicians; privacy and boundaries matter
// most. The package holds no opinion of its own where a source gives one:
// every rule cites the code of ethics or regulation it follows, and every
// number that is a program's choice says so.
//
// # Policy and findings
//
// An [Action] is what a specialist did or is about to do: a session with
// its self-disclosures, gifts, contacts outside the program, other
// relationships with the peer, activities outside the role, the
// specialist's workload. [Policy.Evaluate] runs the policy's rules over it
// and returns [Findings], each with a rule ID, a code, a [Severity] (info,
// caution, violation), a plain-language explanation and the [Guideline]
// it comes from. A violation is something the host should block
// ([Policy.Check] returns a [ViolationError]); a caution asks for review
// in supervision; info is recorded. [SessionCheck] plugs a policy into
// session.Record and session.Revise.
//
// [DefaultPolicy] has eight rules, each documented with its codes,
// severities, defaults and sources: [RuleSelfDisclosure],
// [RuleDualRelationship], [RuleGift], [RuleOutsideContact],
// [RuleScopeOfPractice], [RuleSupervision], [RuleCredential] and
// [RuleWellbeing]. [Settings] change thresholds and severities and turn
// rules off; a zero field keeps the default, and [DecodeSettings] reads
// them from JSON strictly. A rule ID the policy does not have is an error
// ([ErrUnknownRule]), never silently ignored. Hosts add rules of their own
// through [PolicyOptions] ([NewRule]). The credential rule asks a
// [CredentialSource] for a specialist's status; certification.Holdings is
// one over package certification's store.
//
// # Consent, disclosure and access
//
// A [Consent] records the elements 42 CFR § 2.31(a) requires of a written
// consent: the patient, who may disclose, what and how much, to whom
// (coded identifiers matched exactly), the purpose (one per consent),
// expiry date or event, the right to revoke, the signature and its date.
// [Consent.Revoke] and [RevokeConsent] record a revocation.
//
// [CanDisclose] decides a [DisclosureRequest] against the peer's consents
// and returns a [Decision]: allowed or not, the basis, what information
// may go and what is withheld (the consent does not cover it, or the
// purpose does not need it: HIPAA's minimum-necessary standard, 45 CFR
// 164.502(b), and 42 CFR § 2.13(a)), reasons for the program's staff, and
// the [RedisclosureNotice] that must go with substance use disorder
// records (42 CFR § 2.32). Emergencies and mandated reports are exceptions
// the policy names ([Exception]) and documents as § 2.51(c) asks.
// [Disclose] decides and appends the disclosure to the [DisclosureLog]
// before anything is sent. A refusal says the same to every requester
// ([Decision.Response]), so it does not reveal whether a consent exists.
//
// [CanAccess] decides who may read what: the peer their own record, the
// specialist assigned to them, that specialist's supervisor, and everyone
// else only on a consent.
//
// # Rules and sources
//
//   - 42 CFR Part 2 as amended in 2024: § 2.31 (consent elements), § 2.32
//     (notice to accompany disclosure), § 2.51 (medical emergencies),
//     § 2.12(c)(5) and (c)(6) (crimes on the premises, child abuse
//     reports). HIPAA: 45 CFR 164.502(b) and HHS FAQ 210 (minimum
//     necessary and its exemptions), 164.512(j) (serious threats).
//   - Codes of ethics for peer workers: Minnesota Certification Board,
//     Nevada certification board, Idaho CPSS, IC&RC Peer Recovery, NAADAC;
//     National Association of Peer Supporters' National Practice
//     Guidelines; White (2006, 2007); CMS SMDL #07-011. The rules
//     paraphrase them; a program should also read its own board's code.
//   - This is not legal advice: state law may be stricter, and a program's
//     counsel decides how it applies.
//
// # Storage
//
// [ConsentStore] keeps consents with the versioned contract of every
// store of the library; [DisclosureLog] is append-only. Package memstore
// implements both; package storetest checks an implementation
// (RunBoundaryStores).
//
// # Time
//
// Nothing reads the clock. Actions, requests and consents carry instants;
// rules that work on days take them in the policy's time zone
// ([Settings].TimeZone), and decisions in the location they are given.
//
// # Money
//
// Gift values are [Money]: whole minor units of an ISO 4217 currency,
// written "25.00 USD", never a float.
//
// # Privacy
//
// Action, Consent and DisclosureRecord print and log their IDs only.
// Findings and reasons are written from the rules' own words and numbers,
// never from an action's text, so they may be logged; errors name IDs,
// field paths and rule codes only.
package boundary

//go:generate go run ../internal/cmd/gen
