// Package boundary turns the ethics principles of peer support into
// checks a host runs before and after things happen, with answers a
// person can read: a [Policy] of rules that finds what needs attention in
// an [Action]. Who may read or receive a peer's information, under the
// peer's consent, is package consent's concern.
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
// caution, violation), the numbers it is about ([Finding.Figures]), a
// plain-language explanation ([Finding.Explain], written from the code
// and figures when asked for, so that an evaluation allocates nothing)
// and the [Guideline] it comes from. A violation is something the host should block
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
// # Codes and figures
//
// The codes of each rule, and the figures a finding carries for each:
//
//   - self_disclosure: no_purpose, centres_specialist, other_purpose;
//     frequent (the session's disclosures, the program's most).
//   - dual_relationship: romantic, financial, employment, social_media,
//     personal, prior_romantic, prior_relationship,
//     financial_former_peer, employment_former_peer;
//     romantic_former_peer and romantic_after_wait (the waiting period in
//     months, 0 for none).
//   - gift: cash_received, cash_given; over_limit (the gift's value, the
//     limit); other_currency and nominal (the limit); amounts in the minor
//     units of [Finding.Currency].
//   - outside_contact: social_media, personal_channel, peer_home,
//     specialist_home, outside_hours.
//   - scope_of_practice: diagnosing, medication_advice, psychotherapy,
//     sponsorship, sponsorship_former_peer.
//   - supervision: no_supervisor, supervisor_not_accepted,
//     never_supervised; overdue (days since the last supervision, the
//     program's interval in days); too_little (the minutes of the last 30
//     days, the program's least).
//   - credential: no_credential (its [Finding.Text] names the required
//     codes), expiring_soon.
//   - wellbeing: caseload (peers, the program's most); weekly_hours (hours
//     of the last seven days, the program's most); no_time_off (days
//     since the last time off); time_off_unknown; no_supervision (the
//     program's days); crisis_load (crisis contacts, the window in days).
//
// # Rules and sources
//
//   - Codes of ethics for peer workers: Minnesota Certification Board,
//     Nevada certification board, Idaho CPSS, IC&RC Peer Recovery, NAADAC;
//     National Association of Peer Supporters' National Practice
//     Guidelines; White (2006, 2007); CMS SMDL #07-011. The rules
//     paraphrase them; a program should also read its own board's code.
//   - This is not legal advice: state law may be stricter, and a program's
//     counsel decides how it applies.
//
// # Time
//
// Nothing reads the clock. Actions carry instants; rules that work on
// days take them in the policy's time zone ([Settings].TimeZone).
//
// # Money
//
// Gift values are [Money]: whole minor units of an ISO 4217 currency,
// written "25.00 USD", never a float.
//
// # Privacy
//
// Action prints and logs its IDs only.
// Findings and reasons are written from the rules' own words and numbers,
// never from an action's text, so they may be logged; errors name IDs,
// field paths and rule codes only.
package boundary

//go:generate go run ../internal/cmd/gen
