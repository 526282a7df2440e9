package session

// Kind says whether a session is given to one peer or to a group.
//
//peersupport:enum
type Kind uint8

// The kinds of session. Wire codes: "one_on_one", "group".
const (
	KindUnspecified Kind = iota
	KindOneOnOne         // one specialist, one peer
	KindGroup            // one specialist (the facilitator), several peers
)

// GroupType is what kind of group a group session is. The types follow the
// group activities SAMHSA describes for peer recovery support services
// (What Are Peer Recovery Support Services?, HHS Publication No. (SMA)
// 09-4454, 2009) and the WRAP groups of mental health peer programs.
//
//peersupport:enum
type GroupType uint8

// The group types. Wire codes: "mutual_support", "educational",
// "recovery_meeting", "wellness".
const (
	GroupTypeUnspecified     GroupType = iota
	GroupTypeMutualSupport             // peer self-help or mutual support group
	GroupTypeEducational               // skills or information, such as life skills or job readiness
	GroupTypeRecoveryMeeting           // recovery or support meeting
	GroupTypeWellness                  // WRAP or other wellness group
)

// Mode is how the specialist and peers meet.
//
//peersupport:enum
type Mode uint8

// The modes. Wire codes: "in_person", "phone", "video", "text".
const (
	ModeUnspecified Mode = iota
	ModeInPerson
	ModePhone
	ModeVideo
	ModeText // text message or chat
)

// Status is where a session stands. A session starts scheduled and ends
// completed, cancelled or as a no-show; the three are final (see
// [Session.Complete], [Session.Cancel], [Session.MarkNoShow]).
//
//peersupport:enum
type Status uint8

// The statuses. Wire codes: "scheduled", "completed", "cancelled",
// "no_show".
const (
	StatusUnspecified Status = iota
	StatusScheduled
	StatusCompleted
	StatusCancelled
	StatusNoShow // the peer (or, for a group, every peer) did not come
)

// CancelReason says why a session was cancelled.
//
//peersupport:enum
type CancelReason uint8

// The cancellation reasons. Wire codes: "peer_request",
// "specialist_unavailable", "rescheduled_elsewhere", "program_closure",
// "other".
const (
	CancelReasonUnspecified           CancelReason = iota
	CancelReasonPeerRequest                        // the peer asked to cancel
	CancelReasonSpecialistUnavailable              // the specialist cannot be there (illness, leave)
	CancelReasonRescheduledElsewhere               // replaced by another session
	CancelReasonProgramClosure                     // site closed, weather, emergency
	CancelReasonOther
)

// Attendance is how a peer attended a session.
//
//peersupport:enum
type Attendance uint8

// The attendance values. Wire codes: "present", "late", "left_early",
// "absent", "excused". Present, late and left early count as attending.
const (
	AttendanceUnspecified Attendance = iota
	AttendancePresent
	AttendanceLate
	AttendanceLeftEarly
	AttendanceAbsent
	AttendanceExcused // absent with notice
)

// Attended reports whether a is one of the values that mean the peer took
// part: present, late or left early.
func (a Attendance) Attended() bool {
	return a == AttendancePresent || a == AttendanceLate || a == AttendanceLeftEarly
}
