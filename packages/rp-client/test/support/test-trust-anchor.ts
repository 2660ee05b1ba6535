/** A self-signed P-256 certificate (openssl req -x509, 100 years) for tests that need a trust anchor but never validate a chain against it. */
export const TEST_TRUST_ANCHOR_PEM = `-----BEGIN CERTIFICATE-----
MIIBpzCCAU2gAwIBAgIUXnS8+2pIzjoz3ipJfy+lC/gVNO8wCgYIKoZIzj0EAwIw
KDEmMCQGA1UEAwwdVGVzc2VyYSBSUCBjbGllbnQgdGVzdCBhbmNob3IwIBcNMjYx
MTIyMTg0MjMwWhgPMjEyNjEwMjkxODQyMzBaMCgxJjAkBgNVBAMMHVRlc3NlcmEg
UlAgY2xpZW50IHRlc3QgYW5jaG9yMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
uYoJrEWDcxheprcTod8St8v++8O9MD1KknU6bixAfnLhhSfglpf62vjfkm0qhgPs
7CKZas4ZBsnJ4V27mPRgmqNTMFEwHQYDVR0OBBYEFDnPrX8S7A4+uPbsgS7dRMsh
DejWMB8GA1UdIwQYMBaAFDnPrX8S7A4+uPbsgS7dRMshDejWMA8GA1UdEwEB/wQF
MAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgcwZXHAJsNSgLcdhTOjDVrdMeoWylpMg5
TMXDADwajOACIQC5eYMmdvyHa0CDH4Lk6x9eBZVHe4cGF5f79M4V8TVJLg==
-----END CERTIFICATE-----
`;
