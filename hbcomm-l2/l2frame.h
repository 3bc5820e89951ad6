/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2frame: the wire format of the `l2` Heartbeat medium and of l2ping.
 *
 * Pure code: no pcap, no Heartbeat headers, no I/O, no clock (callers pass
 * the time in), so unit tests and fuzzers link it alone.
 *
 * A frame is an Ethernet II header followed by, all big-endian:
 *   magic "WS" | version 1 | flags | message id u32 |
 *   fragment index u16 | fragment count u16 | total length u32 | payload
 * The low two bits of flags give the frame type; the other bits are reserved
 * and must be zero.  A message is cut into fragments of equal payload size
 * ("chunk") except the last; the receiver learns the chunk from any non-last
 * fragment.  Frames shorter than Ethernet's 60-byte minimum arrive padded,
 * so the payload length of a single or last fragment is derived from the
 * total length, not from the frame length.
 */
#ifndef WS_L2FRAME_H
#define WS_L2FRAME_H

#include <stddef.h>
#include <stdint.h>

#define L2F_MAC_LEN 6
#define L2F_ETH_HDR_LEN 14
#define L2F_HDR_LEN 16
#define L2F_VERSION 1
#define L2F_DEFAULT_ETHERTYPE 0x88B5
/* EtherTypes below this are 802.3 length fields, not protocol numbers. */
#define L2F_MIN_ETHERTYPE 0x0600
/* Ethernet's minimum frame without FCS: shorter frames are zero-padded. */
#define L2F_ETH_MIN_FRAME 60
/* Heartbeat's MAXMSG (clplumbing/ipc.h): the largest message on the wire. */
#define L2F_MAX_MSG (256 * 1024)
/* Link MTU bounds we accept (bytes after the Ethernet header).  The lower
 * bound keeps the fragment count, and with it the reassembly bitmap, small. */
#define L2F_MIN_MTU 128
#define L2F_MAX_MTU 65535
#define L2F_MIN_CHUNK (L2F_MIN_MTU - L2F_HDR_LEN)
#define L2F_MAX_FRAGS ((L2F_MAX_MSG + L2F_MIN_CHUNK - 1) / L2F_MIN_CHUNK)
#define L2F_MAX_FRAME (L2F_ETH_HDR_LEN + L2F_MAX_MTU)

enum l2f_type {
	L2F_TYPE_DATA = 0,       /* a Heartbeat message (or a fragment of one) */
	L2F_TYPE_ECHO_REQUEST = 1,
	L2F_TYPE_ECHO_REPLY = 2,
};
#define L2F_FLAGS_TYPE_MASK 0x03

/* Outcome of decoding or reassembling: L2F_OK or the reason a frame was
 * dropped.  Used as an index into struct l2f_counters. */
enum l2f_status {
	L2F_OK = 0,
	L2F_DROP_SHORT,         /* shorter than both headers */
	L2F_DROP_ETHERTYPE,     /* not our EtherType */
	L2F_DROP_MAGIC,
	L2F_DROP_VERSION,
	L2F_DROP_FLAGS,         /* reserved bits set or unknown type */
	L2F_DROP_FRAGMENT,      /* index/count inconsistent or out of range */
	L2F_DROP_TOTAL,         /* total length zero or above L2F_MAX_MSG */
	L2F_DROP_LENGTH,        /* payload length does not fit the fields */
	L2F_DROP_DUPLICATE,     /* fragment already held, or a copy of a fragment of a
	                         * multi-fragment message already delivered */
	L2F_DROP_MISMATCH,      /* disagrees with earlier fragments of its message */
	L2F_DROP_STALE,         /* partial message expired (counted per message) */
	L2F_DROP_EVICTED,       /* partial message evicted by a limit (per message) */
	L2F_DROP_TOO_BIG,       /* message larger than the per-peer byte limit */
	L2F_DROP_NOMEM,
	L2F_STATUS_COUNT
};

/* Short stable name of a status for logs and the status file. */
const char *l2f_status_name(enum l2f_status status);

struct l2f_counters {
	uint64_t drops[L2F_STATUS_COUNT];   /* drops[L2F_OK] stays zero */
};

/* A decoded frame; payload points into the caller's buffer. */
struct l2f_frame {
	uint8_t dst[L2F_MAC_LEN];
	uint8_t src[L2F_MAC_LEN];
	enum l2f_type type;
	uint32_t msg_id;
	uint16_t frag_index;
	uint16_t frag_count;
	uint32_t total_len;
	const uint8_t *payload;
	size_t payload_len;      /* exact for non-last fragments; may include
	                          * Ethernet padding for single or last ones */
	size_t frame_len;
};

/* Validates one received frame, cheapest checks first.  Returns L2F_OK and
 * fills *out, or the reason to drop it. */
enum l2f_status l2f_decode(const uint8_t *frame, size_t frame_len,
                           uint16_t ethertype, struct l2f_frame *out);

/* Number of fragments a msg_len-byte message needs at this MTU, or 0 when
 * msg_len is 0 or above L2F_MAX_MSG or the MTU is outside its bounds. */
unsigned l2f_fragment_count(size_t msg_len, size_t mtu);

/* Addressing shared by every fragment of one message. */
struct l2f_header {
	uint8_t dst[L2F_MAC_LEN];
	uint8_t src[L2F_MAC_LEN];
	uint16_t ethertype;
	enum l2f_type type;
	uint32_t msg_id;
};

/* Writes fragment `index` of msg into frame (capacity frame_cap).  Returns
 * the frame length, or 0 on invalid arguments (index out of range, MTU out
 * of bounds, buffer too small, message too large). */
size_t l2f_encode_fragment(uint8_t *frame, size_t frame_cap,
                           const struct l2f_header *hdr,
                           const uint8_t *msg, size_t msg_len,
                           size_t mtu, unsigned index);

/* Turns a decoded echo request into its reply (same id and payload,
 * addresses swapped, our MAC as source).  Returns the frame length or 0. */
size_t l2f_encode_echo_reply(uint8_t *frame, size_t frame_cap,
                             const struct l2f_frame *request,
                             const uint8_t own_mac[L2F_MAC_LEN],
                             uint16_t ethertype);

/* --- reassembly ---------------------------------------------------------- */

struct l2f_reasm_limits {
	unsigned max_partial_per_peer;
	unsigned max_partial_total;
	size_t max_bytes_per_peer;   /* also the largest message a peer may send */
	size_t max_bytes_total;
	uint64_t max_age_ms;
};

/* Defaults sized for two-node clusters: room for a few maximum-size
 * messages in flight, nothing a flood could grow. */
void l2f_reasm_default_limits(struct l2f_reasm_limits *limits);

struct l2f_reasm;

/* Returns NULL when out of memory or when the limits cannot hold one
 * maximum-size message. */
struct l2f_reasm *l2f_reasm_new(const struct l2f_reasm_limits *limits,
                                struct l2f_counters *counters);
void l2f_reasm_free(struct l2f_reasm *reasm);

/* A complete message, owned by the caller (free(data)). */
struct l2f_message {
	uint8_t src[L2F_MAC_LEN];
	uint32_t msg_id;
	uint8_t *data;
	size_t len;
};

/* Feeds one decoded data frame received at now_ms.  Returns 1 and fills
 * *out when it completes a message, 0 when it was stored, -1 when it was
 * dropped (the reason is counted). */
int l2f_reasm_add(struct l2f_reasm *reasm, const struct l2f_frame *frame,
                  uint64_t now_ms, struct l2f_message *out);

/* Drops partial messages older than the age limit (counted as stale). */
void l2f_reasm_expire(struct l2f_reasm *reasm, uint64_t now_ms);

/* Current use, for the status file. */
unsigned l2f_reasm_partial_count(const struct l2f_reasm *reasm);
size_t l2f_reasm_bytes_in_use(const struct l2f_reasm *reasm);

#endif
