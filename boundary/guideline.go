package boundary

// The published sources the default rules cite. Each was read on
// 2026-11-22; the rules paraphrase them, and a program should read the
// code of ethics of its own certification board, which may be stricter.
var (
	// guideNAPS: core values 2 ("peer supporters are hopeful") and 8
	// ("peer support is mutual and reciprocal"), which ask that shared
	// experience serve the peer.
	guideNAPS = Guideline{
		Source:  "National Association of Peer Supporters, National Practice Guidelines for Peer Specialists and Supervisors",
		Section: "core values 2 and 8",
		URL:     "https://www.peersupportworks.org",
	}
	// guideMCBSharing: "share lived experience only when it is believed to
	// be beneficial to the individuals served".
	guideMCBSharing = Guideline{
		Source:  "Minnesota Certification Board, Code of Ethical Conduct for Peer Recovery Specialists",
		Section: "principle: sharing my lived experience",
	}
	// guideMCBSexual: rules 2.1 (never with an active client), 2.3 (nor
	// with former clients) and 2.4 (no services to a prior partner).
	guideMCBSexual = Guideline{
		Source:  "Minnesota Certification Board, Code of Ethical Conduct for Certified Peer Recovery Specialists",
		Section: "rules 2.1, 2.3 and 2.4",
		URL:     "https://smcsmn.org/ethics-%26-boundaries",
	}
	// guideNevadaPrior: rule 2.3, no recovery services to a person the
	// specialist had a romantic or sexual relationship with.
	guideNevadaPrior = Guideline{
		Source:  "Nevada Behavioral Health Association Certification Board, Code of Ethical Conduct for Certified Peer Recovery and Support Specialists",
		Section: "rule 2.3",
	}
	// guideIdaho: items 8 (no sexual or intimate activity with those
	// served), 9 (no gifts of significant value) and 10 (no dual
	// relationships that conflict with the interests of those served).
	guideIdaho = Guideline{
		Source:  "Idaho Certified Peer Support Specialist Code of Ethics & Professional Conduct",
		Section: "items 8, 9 and 10",
		URL:     "https://peersupportidaho.com/idaho-certified-peer-support-specialist-code-of-ethics-professional-conduct/",
	}
	// guideMCBGifts: "I will not accept money or items of significant
	// value" from those served.
	guideMCBGifts = Guideline{
		Source:  "Minnesota Certification Board, Code of Ethical Conduct for Peer Recovery Specialists",
		Section: "principle: conduct",
	}
	// guideWhiteEthics: boundary management in peer-based recovery
	// support (contact, place and channel of the relationship).
	guideWhiteEthics = Guideline{
		Source:  "White, W. & PRO-ACT Ethics Workgroup (2007), Ethical Guidelines for the Delivery of Peer-based Recovery Support Services",
		Section: "boundary management",
	}
	// guideNAADACSocial: principle VI, e-therapy, e-supervision and
	// social media.
	guideNAADACSocial = Guideline{
		Source:  "NAADAC/NCC AP Code of Ethics (effective 2021-01-01)",
		Section: "principle VI: social media",
		URL:     "https://www.naadac.org/code-of-ethics",
	}
	// guideICRCScope: peer recovery professionals do not perform services
	// outside the boundaries and scope of their expertise, and work only
	// under supervision (preamble; supervision: one session a week, at
	// least four hours a month).
	guideICRCScope = Guideline{
		Source:  "IC&RC Peer Recovery (PR) Code of Ethics",
		Section: "preamble",
		URL:     "https://mabpcb.com/ethics",
	}
	guideICRCSupervision = Guideline{
		Source:  "IC&RC Peer Recovery (PR) Code of Ethics",
		Section: "supervision",
		URL:     "https://mabpcb.com/ethics",
	}
	// guideWhiteSponsor: the recovery coach and the twelve-step sponsor
	// are different roles; one person should not be both to the same
	// peer.
	guideWhiteSponsor = Guideline{
		Source: "White, W. (2006), Sponsor, Recovery Coach, Addiction Counselor: The Importance of Role Clarity and Role Integrity",
	}
	// guideCMS: supervision by a competent mental health professional is
	// one of the three elements of Medicaid peer support services.
	// guideCMSFAQ: states may let experienced peers supervise, "even if
	// the supervising peer support provider does not have formal
	// behavioral health training or licensure".
	guideCMSFAQ = Guideline{
		Source:  "CMS, Frequently Asked Questions on Medicaid and CHIP Coverage of Peer Support Services (June 5, 2024)",
		Section: "supervision",
	}
	// guideTexasSupervision: supervision at least weekly in the first
	// certification, at least monthly after two years.
	guideTexasSupervision = Guideline{
		Source:  "Texas Administrative Code, 1 TAC § 354.3103, Supervision of Peer Specialists",
		Section: "(b)",
		URL:     "http://txrules.elaws.us/rule/title1_chapter354_sec.354.3103",
	}
	guideCMS = Guideline{
		Source:  "CMS State Medicaid Director Letter SMDL #07-011 (2007)",
		Section: "supervision",
	}
	// guideMCBWellness: the specialist's own wellness and recovery come
	// first; they seek support when it is affected.
	guideMCBWellness = Guideline{
		Source:  "Minnesota Certification Board, Code of Ethical Conduct for Peer Recovery Specialists",
		Section: "principle: personal wellness and recovery",
	}
	// guideProgram: a setting of the program's own policy.
	guideProgram = Guideline{Source: "program policy"}
)
