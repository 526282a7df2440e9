// Package billing decides whether a peer support session can be billed to
// a payer, and makes the claim lines of those that can. It is what sits
// between a signed session note and a Medicaid claim for HCPCS H0038
// ("Self-help/peer services, per 15 minutes"):
//
//   - [Rules] are a payer's rules as data (JSON, strictly decoded), each
//     with its sources and the day they were checked: unit length and
//     rounding, unit caps per day, week, month, calendar year or rolling
//     months, group size and modifiers, telehealth, activities the payer
//     does not pay for, and what must exist before a session is billed
//     (consent to bill, a member ID, an order, a prior authorization, a
//     diagnosis, a signed and complete note, a credentialed signer).
//     [NewJersey] and [Texas] are shipped rule sets, [Virginia] the limits
//     of Virginia's regulation for a host to complete with its procedure
//     code, and [Default] a neutral starting point.
//   - [Authorization] records prior authorizations and orders
//     (recommendations for the service). The units used of an
//     authorization are always counted from the billed [Line] records that
//     name it, never kept in a counter that could drift.
//   - [Review] is the pure decision: given a session and everything known
//     about it ([Facts]), it returns the lines that are ready and every
//     [Hold] and warning, each with a [Reason] code a person can act on.
//     A session with several problems reports them all.
//   - [CheckNote] checks a note against the payer's required elements
//     ([NoteElement]; [DefaultNoteElements] lists the elements auditors
//     look for) and returns each one missing. It is deterministic: no
//     scoring, no guessing at free text.
//   - [Bill] gathers the facts from a storage.DB, reviews, and commits the
//     ready lines in one commit that also takes each billed peer's turn, so
//     that two bills running at once cannot both pass a cap or an
//     authorization. [Pending] lists the holds of sessions not yet billed.
//   - Lines go out as Go values, as CSV ([WriteCSV]) and as FHIR Claims
//     (package fhir).
//
// # Sources
//
// Checked on 2026-12-03; each rule set names its own sources in [Rules].Sources.
//
//   - H0038's descriptor, "Self-help/peer services, per 15 minutes": CMS's
//     HCPCS Level II file (2020 release, as republished), and Horizon NJ
//     Health's Self-Help/Peer Support Billing Guidelines (effective July 1,
//     2020).
//   - Units: the state sources say "one (1) unit for every fifteen (15)
//     minutes" (Horizon NJ Health) and "A unit of service shall be defined
//     as 15 minutes" (12VAC30-130-5210 F); none of them states a rule for
//     the minutes left over, so the shipped rule sets and [Default] count
//     whole units ([session.RoundingWholeUnits]). Medicare's midpoint rule
//     (Medicare Claims Processing Manual, Pub. 100-04, ch. 5, § 20.2: a
//     unit from 8 through 22 minutes) is in the chapter for outpatient
//     rehabilitation services; no source found applies it to H0038, so it
//     is a rounding a host may choose, not the default.
//   - Place of service 02 ("Telehealth Provided Other than in Patient's
//     Home") and 10 ("Telehealth Provided in Patient's Home"): CMS's Place
//     of Service Code Set, as changed by CR 12427 (effective January 1,
//     2022).
//   - Claim versus ChargeItem: HL7 FHIR R4's Claim is "A provider issued
//     list of professional services and products which have been provided
//     [...] to a patient which is sent to an insurer for reimbursement";
//     ChargeItem's main usage is "to enable the billing process and
//     internal cost allocation". Lines that go to a payer are Claims.
//
// The package decides; it never sends anything. Every value that holds a
// person's data prints as its type and ID only.
package billing

//go:generate go run ../internal/cmd/gen
