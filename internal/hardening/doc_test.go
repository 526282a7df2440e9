// Package hardening_test holds the adversarial tests that span the
// library's packages: each is named after what an attacker's or a careless
// caller's run found, and tries the input that got round the rule.
package hardening_test
