package session

// Kind says whether a session is given to one peer or to a group.
//
//peersupport:enum
type Kind uint8

// The kinds of session.
const (
	KindUnspecified Kind = iota
	KindOneOnOne         // one_on_one: one specialist, one peer
	KindGroup            // group: one specialist (the facilitator), several peers
)

// GroupType is what kind of group a group session is. The types follow the
// group activities SAMHSA describes for peer recovery support services
// (What Are Peer Recovery Support Services?, HHS Publication No. (SMA)
// 09-4454, 2009) and the WRAP groups of mental health peer programs.
//
//peersupport:enum
type GroupType uint8

// The group types.
const (
	GroupTypeUnspecified     GroupType = iota
	GroupTypeMutualSupport             // mutual_support: peer self-help or mutual support group
	GroupTypeEducational               // educational: skills or information, such as life skills or job readiness
	GroupTypeRecoveryMeeting           // recovery_meeting: recovery or support meeting
	GroupTypeWellness                  // wellness: WRAP or other wellness group
)

// Mode is how the specialist and peers meet.
//
//peersupport:enum
type Mode uint8

// The modes.
const (
	ModeUnspecified Mode = iota
	ModeInPerson         // in_person
	ModePhone            // phone
	ModeVideo            // video
	ModeText             // text: text message or chat
)

// Status is where a session stands. A session starts scheduled and ends
// completed, cancelled or as a no-show; the three are final (see
// [Session.Complete], [Session.Cancel], [Session.MarkNoShow]).
//
//peersupport:enum
type Status uint8

// The statuses.
const (
	StatusUnspecified Status = iota
	StatusScheduled          // scheduled
	StatusCompleted          // completed
	StatusCancelled          // cancelled
	StatusNoShow             // no_show: the peer (or, for a group, every peer) did not come
)

// CancelReason says why a session was cancelled.
//
//peersupport:enum
type CancelReason uint8

// The cancellation reasons.
const (
	CancelReasonUnspecified           CancelReason = iota
	CancelReasonPeerRequest                        // peer_request: the peer asked to cancel
	CancelReasonSpecialistUnavailable              // specialist_unavailable: the specialist cannot be there (illness, leave)
	CancelReasonRescheduledElsewhere               // rescheduled_elsewhere: replaced by another session
	CancelReasonProgramClosure                     // program_closure: site closed, weather, emergency
	CancelReasonOther                              // other
)

// Attendance is how a peer attended a session.
//
//peersupport:enum
type Attendance uint8

// The attendance values. Present, late and left early count as attending.
const (
	AttendanceUnspecified Attendance = iota
	AttendancePresent                // present
	AttendanceLate                   // late
	AttendanceLeftEarly              // left_early
	AttendanceAbsent                 // absent
	AttendanceExcused                // excused: absent with notice
)

// Attended reports whether a is one of the values that mean the peer took
// part: present, late or left early.
func (a Attendance) Attended() bool {
	return a == AttendancePresent || a == AttendanceLate || a == AttendanceLeftEarly
}
