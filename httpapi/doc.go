// Package httpapi is an embeddable HTTP API over the library: an
// [http.Handler] a program mounts under a prefix of its own server, routed
// with Go's net/http patterns, that serves JSON resources for peers,
// specialists, caseload assignments with the match reasons, sessions
// (schedule, complete with support types, sign, amend, co-sign; a
// supervisor's review queue), wellness plans (the
// peer's own, with specialists' suggestions only the peer accepts), goals,
// assessments, consents and disclosures, reports, and the FHIR export of a
// peer's record under consent.
//
// What a client can count on:
//
//   - Who calls is the host's to say: an [Authenticator] turns a request into
//     a [Caller] (no authentication scheme is built in). Every request about
//     a peer goes through an access decision ([consent.CanAccess], or the
//     duties the host gave a member of the program's staff) and through the
//     access audit: the handler needs a store made with [storage.NewAudited],
//     and a refusal is recorded too ([storage.DB.Refused]).
//   - The audit holds what was handed on, to whom, on what grounds: an
//     entry names the caller and the basis of each decision (the consent's
//     ID when a consent allowed it); the reads the program makes to decide
//     are its own (actor: the program, decision "access_check:<caller>"),
//     so a peer's log never shows a refused caller reading her records; a
//     list records only the records of its page, and a group session cut
//     to one peer's part only that peer; a FHIR export reads only the kinds
//     its disclosure releases. A request is about at most 100 distinct
//     peers, none of them unnamed.
//   - Reading is not writing. A change is allowed to staff whose duties
//     cover the kind of information, to the specialist assigned to the peer
//     (what they record of their work: sessions and notes, which only the
//     session's own specialist completes, signs and amends; the peer's
//     record; suggestions to the plan; assessments), and to the peer in
//     their own plan, goals, assessments and consents. A supervisor's
//     oversight, a peer's right of access and a recipient's consent never
//     carry a right to change anything. The decision comes before any
//     precondition or body check, so a caller without a right learns
//     nothing from a 428 or a 422, and a record that does not exist is
//     refused like one the caller may not have (404 only to staff whose
//     duties cover it). IDs are the server's: a create with an ID is
//     refused. (A create whose peer is named in its body reads the body
//     first, to know whom to decide about; a malformed body is then a 400
//     before any decision, and says nothing about any peer.)
//   - Signatures, co-signatures, amendments and late-entry flags are made
//     by their own operations (sign, cosign, amend) with the server's clock
//     and the caller's identity; comments by the library's own operation
//     (session.Session.Comment). None is ever taken from a body. A
//     supervisor's one change is a co-signature, of a note of a specialist
//     they supervised on the session's day; their review queue lists the
//     notes waiting for it.
//   - A peer's records are 42 CFR Part 2 records when the program says so
//     (Options.SubstanceUse) or the peer's recovery focus is substance use
//     or co-occurring: decisions and disclosures are then made under
//     Part 2, whatever a request says.
//   - Errors are RFC 9457 problem details (application/problem+json) that
//     name field paths (as JSON pointers), rule codes and IDs, never a value
//     that was sent or stored. Every refusal has the same body.
//   - A record's version is its ETag (RFC 9110 § 8.8.3). A change needs
//     If-Match with it (RFC 9110 § 13.1.1): without one the answer is 428
//     (RFC 6585 § 3), with a stale one 412, and nothing is written; so the
//     optimistic concurrency of the stores reaches the client.
//   - Every list is a page: {"items": [...], "next": "cursor"}, with the
//     next page at ?after=cursor (and a Link header, RFC 8288).
//   - The handler serves its OpenAPI 3.1 description at /openapi.json; it is
//     made from the same route table the handler routes with, and the
//     package's tests validate responses against it.
//
// Mount it with http.StripPrefix:
//
//	api, err := httpapi.New(db, &httpapi.Options{Authenticator: auth, Program: programID})
//	mux.Handle("/api/", http.StripPrefix("/api", api))
package httpapi

//go:generate go run ../internal/cmd/gen
