package sqlstore

import (
	"context"
	"iter"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

var (
	peerErrs    = sentinels{notFound: peer.ErrNotFound, exists: peer.ErrAlreadyExists, conflict: peer.ErrConflict}
	sessionErrs = sentinels{notFound: session.ErrNotFound, exists: session.ErrAlreadyExists, conflict: session.ErrConflict}
	planErrs    = sentinels{notFound: plan.ErrNotFound, exists: plan.ErrAlreadyExists, conflict: plan.ErrConflict, clash: plan.ErrActivePlanExists}
	certErrs    = sentinels{notFound: certification.ErrNotFound, exists: certification.ErrAlreadyExists, conflict: certification.ErrConflict}
	consentErrs = sentinels{notFound: consent.ErrNotFound, exists: consent.ErrAlreadyExists, conflict: consent.ErrConflict}
)

// expiresSort orders credentials without expiry first.
func expiresSort(d peersupport.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

var tPeer = &table[peer.Peer]{
	name: "peers", errs: peerErrs,
	key:        func(v peer.Peer) string { return v.ID.String() },
	version:    func(v peer.Peer) int64 { return v.Version },
	setVersion: func(v *peer.Peer, n int64) { v.Version = n },
	validate:   peer.Peer.Validate,
	sort:       func(v peer.Peer) string { return "" },
}

// CreatePeer stores a new record.
func (s *Store) CreatePeer(ctx context.Context, v peer.Peer) (peer.Peer, error) {
	return tPeer.create(ctx, s.db, v)
}

// GetPeer returns the stored record.
func (s *Store) GetPeer(ctx context.Context, id peer.ID) (peer.Peer, error) {
	return tPeer.get(ctx, s.db, id.String())
}

// UpdatePeer writes v if its Version is current.
func (s *Store) UpdatePeer(ctx context.Context, v peer.Peer) (peer.Peer, error) {
	return tPeer.update(ctx, s.db, v)
}

var tSpecialist = &table[peer.Specialist]{
	name: "specialists", errs: peerErrs,
	key:        func(v peer.Specialist) string { return v.ID.String() },
	version:    func(v peer.Specialist) int64 { return v.Version },
	setVersion: func(v *peer.Specialist, n int64) { v.Version = n },
	validate:   peer.Specialist.Validate,
	sort:       func(v peer.Specialist) string { return "" },
}

// CreateSpecialist stores a new record.
func (s *Store) CreateSpecialist(ctx context.Context, v peer.Specialist) (peer.Specialist, error) {
	return tSpecialist.create(ctx, s.db, v)
}

// GetSpecialist returns the stored record.
func (s *Store) GetSpecialist(ctx context.Context, id peer.SpecialistID) (peer.Specialist, error) {
	return tSpecialist.get(ctx, s.db, id.String())
}

// UpdateSpecialist writes v if its Version is current.
func (s *Store) UpdateSpecialist(ctx context.Context, v peer.Specialist) (peer.Specialist, error) {
	return tSpecialist.update(ctx, s.db, v)
}

// ListSpecialists yields the records that match f in the documented order.
func (s *Store) ListSpecialists(ctx context.Context, f peer.SpecialistFilter) iter.Seq2[peer.Specialist, error] {
	return tSpecialist.list(ctx, s.db, func(v peer.Specialist) bool { return f.Matches(v) })
}

var tSupervisor = &table[peer.Supervisor]{
	name: "supervisors", errs: peerErrs,
	key:        func(v peer.Supervisor) string { return v.ID.String() },
	version:    func(v peer.Supervisor) int64 { return v.Version },
	setVersion: func(v *peer.Supervisor, n int64) { v.Version = n },
	validate:   peer.Supervisor.Validate,
	sort:       func(v peer.Supervisor) string { return "" },
}

// CreateSupervisor stores a new record.
func (s *Store) CreateSupervisor(ctx context.Context, v peer.Supervisor) (peer.Supervisor, error) {
	return tSupervisor.create(ctx, s.db, v)
}

// GetSupervisor returns the stored record.
func (s *Store) GetSupervisor(ctx context.Context, id peer.SupervisorID) (peer.Supervisor, error) {
	return tSupervisor.get(ctx, s.db, id.String())
}

// UpdateSupervisor writes v if its Version is current.
func (s *Store) UpdateSupervisor(ctx context.Context, v peer.Supervisor) (peer.Supervisor, error) {
	return tSupervisor.update(ctx, s.db, v)
}

// ListSupervisors yields the records that match f in the documented order.
func (s *Store) ListSupervisors(ctx context.Context, f peer.SupervisorFilter) iter.Seq2[peer.Supervisor, error] {
	return tSupervisor.list(ctx, s.db, func(v peer.Supervisor) bool { return f.Matches(v) })
}

var tCaseload = &table[peer.Caseload]{
	name: "caseloads", errs: peerErrs,
	key:        func(v peer.Caseload) string { return v.SpecialistID.String() },
	version:    func(v peer.Caseload) int64 { return v.Version },
	setVersion: func(v *peer.Caseload, n int64) { v.Version = n },
	validate:   peer.Caseload.Validate,
	sort:       func(v peer.Caseload) string { return "" },
}

// CreateCaseload stores a new record.
func (s *Store) CreateCaseload(ctx context.Context, v peer.Caseload) (peer.Caseload, error) {
	return tCaseload.create(ctx, s.db, v)
}

// GetCaseload returns the stored record.
func (s *Store) GetCaseload(ctx context.Context, id peer.SpecialistID) (peer.Caseload, error) {
	return tCaseload.get(ctx, s.db, id.String())
}

// UpdateCaseload writes v if its Version is current.
func (s *Store) UpdateCaseload(ctx context.Context, v peer.Caseload) (peer.Caseload, error) {
	return tCaseload.update(ctx, s.db, v)
}

var tSupervision = &table[peer.Supervision]{
	name: "supervisions", errs: peerErrs,
	key:        func(v peer.Supervision) string { return v.ID.String() },
	version:    func(v peer.Supervision) int64 { return v.Version },
	setVersion: func(v *peer.Supervision, n int64) { v.Version = n },
	validate:   peer.Supervision.Validate,
	sort:       func(v peer.Supervision) string { return v.Start.String() },
}

// CreateSupervision stores a new record.
func (s *Store) CreateSupervision(ctx context.Context, v peer.Supervision) (peer.Supervision, error) {
	return tSupervision.create(ctx, s.db, v)
}

// GetSupervision returns the stored record.
func (s *Store) GetSupervision(ctx context.Context, id peer.SupervisionID) (peer.Supervision, error) {
	return tSupervision.get(ctx, s.db, id.String())
}

// UpdateSupervision writes v if its Version is current.
func (s *Store) UpdateSupervision(ctx context.Context, v peer.Supervision) (peer.Supervision, error) {
	return tSupervision.update(ctx, s.db, v)
}

// ListSupervisions yields the records that match f in the documented order.
func (s *Store) ListSupervisions(ctx context.Context, f peer.SupervisionFilter) iter.Seq2[peer.Supervision, error] {
	return tSupervision.list(ctx, s.db, func(v peer.Supervision) bool { return f.Matches(v) })
}

var tSession = &table[session.Session]{
	name: "sessions", errs: sessionErrs,
	key:        func(v session.Session) string { return v.ID.String() },
	version:    func(v session.Session) int64 { return v.Version },
	setVersion: func(v *session.Session, n int64) { v.Version = n },
	validate:   session.Session.Validate,
	sort:       func(v session.Session) string { return sortTime(v.When().Start) },
}

// CreateSession stores a new record.
func (s *Store) CreateSession(ctx context.Context, v session.Session) (session.Session, error) {
	return tSession.create(ctx, s.db, v)
}

// GetSession returns the stored record.
func (s *Store) GetSession(ctx context.Context, id session.ID) (session.Session, error) {
	return tSession.get(ctx, s.db, id.String())
}

// UpdateSession writes v if its Version is current.
func (s *Store) UpdateSession(ctx context.Context, v session.Session) (session.Session, error) {
	return tSession.update(ctx, s.db, v)
}

// ListSessions yields the records that match f in the documented order.
func (s *Store) ListSessions(ctx context.Context, f session.SessionFilter) iter.Seq2[session.Session, error] {
	return tSession.list(ctx, s.db, func(v session.Session) bool { return f.Matches(v) })
}

var tGroup = &table[session.Group]{
	name: "groups_", errs: sessionErrs,
	key:        func(v session.Group) string { return v.ID.String() },
	version:    func(v session.Group) int64 { return v.Version },
	setVersion: func(v *session.Group, n int64) { v.Version = n },
	validate:   session.Group.Validate,
	sort:       func(v session.Group) string { return "" },
}

// CreateGroup stores a new record.
func (s *Store) CreateGroup(ctx context.Context, v session.Group) (session.Group, error) {
	return tGroup.create(ctx, s.db, v)
}

// GetGroup returns the stored record.
func (s *Store) GetGroup(ctx context.Context, id session.GroupID) (session.Group, error) {
	return tGroup.get(ctx, s.db, id.String())
}

// UpdateGroup writes v if its Version is current.
func (s *Store) UpdateGroup(ctx context.Context, v session.Group) (session.Group, error) {
	return tGroup.update(ctx, s.db, v)
}

// ListGroups yields the records that match f in the documented order.
func (s *Store) ListGroups(ctx context.Context, f session.GroupFilter) iter.Seq2[session.Group, error] {
	return tGroup.list(ctx, s.db, func(v session.Group) bool { return f.Matches(v) })
}

var tMeeting = &table[session.Meeting]{
	name: "meetings", errs: sessionErrs,
	key:        func(v session.Meeting) string { return v.ID.String() },
	version:    func(v session.Meeting) int64 { return v.Version },
	setVersion: func(v *session.Meeting, n int64) { v.Version = n },
	validate:   session.Meeting.Validate,
	sort:       func(v session.Meeting) string { return sortTime(v.Start) },
}

// CreateMeeting stores a new record.
func (s *Store) CreateMeeting(ctx context.Context, v session.Meeting) (session.Meeting, error) {
	return tMeeting.create(ctx, s.db, v)
}

// GetMeeting returns the stored record.
func (s *Store) GetMeeting(ctx context.Context, id session.MeetingID) (session.Meeting, error) {
	return tMeeting.get(ctx, s.db, id.String())
}

// UpdateMeeting writes v if its Version is current.
func (s *Store) UpdateMeeting(ctx context.Context, v session.Meeting) (session.Meeting, error) {
	return tMeeting.update(ctx, s.db, v)
}

// ListMeetings yields the records that match f in the documented order.
func (s *Store) ListMeetings(ctx context.Context, f session.MeetingFilter) iter.Seq2[session.Meeting, error] {
	return tMeeting.list(ctx, s.db, func(v session.Meeting) bool { return f.Matches(v) })
}

var tAssessment = &table[plan.Assessment]{
	name: "assessments", errs: planErrs,
	key:        func(v plan.Assessment) string { return v.ID.String() },
	version:    func(v plan.Assessment) int64 { return v.Version },
	setVersion: func(v *plan.Assessment, n int64) { v.Version = n },
	validate:   plan.Assessment.Validate,
	sort:       func(v plan.Assessment) string { return v.TakenOn.String() },
}

// CreateAssessment stores a new record.
func (s *Store) CreateAssessment(ctx context.Context, v plan.Assessment) (plan.Assessment, error) {
	return tAssessment.create(ctx, s.db, v)
}

// GetAssessment returns the stored record.
func (s *Store) GetAssessment(ctx context.Context, id plan.AssessmentID) (plan.Assessment, error) {
	return tAssessment.get(ctx, s.db, id.String())
}

// UpdateAssessment writes v if its Version is current.
func (s *Store) UpdateAssessment(ctx context.Context, v plan.Assessment) (plan.Assessment, error) {
	return tAssessment.update(ctx, s.db, v)
}

// ListAssessments yields the records that match f in the documented order.
func (s *Store) ListAssessments(ctx context.Context, f plan.AssessmentFilter) iter.Seq2[plan.Assessment, error] {
	return tAssessment.list(ctx, s.db, func(v plan.Assessment) bool { return f.Matches(v) })
}

var tGoal = &table[plan.Goal]{
	name: "goals", errs: planErrs,
	key:        func(v plan.Goal) string { return v.ID.String() },
	version:    func(v plan.Goal) int64 { return v.Version },
	setVersion: func(v *plan.Goal, n int64) { v.Version = n },
	validate:   plan.Goal.Validate,
	sort:       func(v plan.Goal) string { return "" },
}

// CreateGoal stores a new record.
func (s *Store) CreateGoal(ctx context.Context, v plan.Goal) (plan.Goal, error) {
	return tGoal.create(ctx, s.db, v)
}

// GetGoal returns the stored record.
func (s *Store) GetGoal(ctx context.Context, id plan.GoalID) (plan.Goal, error) {
	return tGoal.get(ctx, s.db, id.String())
}

// UpdateGoal writes v if its Version is current.
func (s *Store) UpdateGoal(ctx context.Context, v plan.Goal) (plan.Goal, error) {
	return tGoal.update(ctx, s.db, v)
}

// ListGoals yields the records that match f in the documented order.
func (s *Store) ListGoals(ctx context.Context, f plan.GoalFilter) iter.Seq2[plan.Goal, error] {
	return tGoal.list(ctx, s.db, func(v plan.Goal) bool { return f.Matches(v) })
}

var tPlan = &table[plan.Plan]{
	name: "plans", errs: planErrs,
	key:        func(v plan.Plan) string { return v.ID.String() },
	version:    func(v plan.Plan) int64 { return v.Version },
	setVersion: func(v *plan.Plan, n int64) { v.Version = n },
	validate:   plan.Plan.Validate,
	sort:       func(v plan.Plan) string { return "" },
	peerActive: func(v plan.Plan) (string, bool) { return v.PeerID.String(), v.Status == plan.StatusActive },
}

// CreatePlan stores a new record.
func (s *Store) CreatePlan(ctx context.Context, v plan.Plan) (plan.Plan, error) {
	return tPlan.create(ctx, s.db, v)
}

// GetPlan returns the stored record.
func (s *Store) GetPlan(ctx context.Context, id plan.ID) (plan.Plan, error) {
	return tPlan.get(ctx, s.db, id.String())
}

// UpdatePlan writes v if its Version is current.
func (s *Store) UpdatePlan(ctx context.Context, v plan.Plan) (plan.Plan, error) {
	return tPlan.update(ctx, s.db, v)
}

// ListPlans yields the records that match f in the documented order.
func (s *Store) ListPlans(ctx context.Context, f plan.PlanFilter) iter.Seq2[plan.Plan, error] {
	return tPlan.list(ctx, s.db, func(v plan.Plan) bool { return f.Matches(v) })
}

var tRecord = &table[certification.Record]{
	name: "records", errs: certErrs,
	key:        func(v certification.Record) string { return v.SpecialistID.String() },
	version:    func(v certification.Record) int64 { return v.Version },
	setVersion: func(v *certification.Record, n int64) { v.Version = n },
	validate:   certification.Record.Validate,
	sort:       func(v certification.Record) string { return "" },
}

// CreateRecord stores a new record.
func (s *Store) CreateRecord(ctx context.Context, v certification.Record) (certification.Record, error) {
	return tRecord.create(ctx, s.db, v)
}

// GetRecord returns the stored record.
func (s *Store) GetRecord(ctx context.Context, id peer.SpecialistID) (certification.Record, error) {
	return tRecord.get(ctx, s.db, id.String())
}

// UpdateRecord writes v if its Version is current.
func (s *Store) UpdateRecord(ctx context.Context, v certification.Record) (certification.Record, error) {
	return tRecord.update(ctx, s.db, v)
}

var tCredential = &table[certification.Credential]{
	name: "credentials", errs: certErrs,
	key:        func(v certification.Credential) string { return v.ID.String() },
	version:    func(v certification.Credential) int64 { return v.Version },
	setVersion: func(v *certification.Credential, n int64) { v.Version = n },
	validate:   certification.Credential.Validate,
	sort:       func(v certification.Credential) string { return expiresSort(v.Expires) },
}

// CreateCredential stores a new record.
func (s *Store) CreateCredential(ctx context.Context, v certification.Credential) (certification.Credential, error) {
	return tCredential.create(ctx, s.db, v)
}

// GetCredential returns the stored record.
func (s *Store) GetCredential(ctx context.Context, id certification.CredentialID) (certification.Credential, error) {
	return tCredential.get(ctx, s.db, id.String())
}

// UpdateCredential writes v if its Version is current.
func (s *Store) UpdateCredential(ctx context.Context, v certification.Credential) (certification.Credential, error) {
	return tCredential.update(ctx, s.db, v)
}

// ListCredentials yields the records that match f in the documented order.
func (s *Store) ListCredentials(ctx context.Context, f certification.CredentialFilter) iter.Seq2[certification.Credential, error] {
	return tCredential.list(ctx, s.db, func(v certification.Credential) bool { return f.Matches(v) })
}

var tConsent = &table[consent.Consent]{
	name: "consents", errs: consentErrs,
	key:        func(v consent.Consent) string { return v.ID.String() },
	version:    func(v consent.Consent) int64 { return v.Version },
	setVersion: func(v *consent.Consent, n int64) { v.Version = n },
	validate:   consent.Consent.Validate,
	sort:       func(v consent.Consent) string { return sortTime(v.Signed) },
}

// CreateConsent stores a new record.
func (s *Store) CreateConsent(ctx context.Context, v consent.Consent) (consent.Consent, error) {
	return tConsent.create(ctx, s.db, v)
}

// GetConsent returns the stored record.
func (s *Store) GetConsent(ctx context.Context, id consent.ID) (consent.Consent, error) {
	return tConsent.get(ctx, s.db, id.String())
}

// UpdateConsent writes v if its Version is current.
func (s *Store) UpdateConsent(ctx context.Context, v consent.Consent) (consent.Consent, error) {
	return tConsent.update(ctx, s.db, v)
}

// ListConsents yields the records that match f in the documented order.
func (s *Store) ListConsents(ctx context.Context, f consent.ConsentFilter) iter.Seq2[consent.Consent, error] {
	return tConsent.list(ctx, s.db, func(v consent.Consent) bool { return f.Matches(v) })
}
