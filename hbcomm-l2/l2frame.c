/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2frame: frame codec and fragment reassembly of the `l2` medium.  Pure
 * logic; see l2frame.h for the format. */
#include "config.h"

#include "hbcomm-l2/l2frame.h"

#include "common/byteorder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[L2F_STATUS_COUNT] = {
	[L2F_OK] = "ok",
	[L2F_DROP_SHORT] = "short",
	[L2F_DROP_ETHERTYPE] = "ethertype",
	[L2F_DROP_MAGIC] = "magic",
	[L2F_DROP_VERSION] = "version",
	[L2F_DROP_FLAGS] = "flags",
	[L2F_DROP_FRAGMENT] = "fragment",
	[L2F_DROP_TOTAL] = "total",
	[L2F_DROP_LENGTH] = "length",
	[L2F_DROP_DUPLICATE] = "duplicate",
	[L2F_DROP_MISMATCH] = "mismatch",
	[L2F_DROP_STALE] = "stale",
	[L2F_DROP_EVICTED] = "evicted",
	[L2F_DROP_TOO_BIG] = "too_big",
	[L2F_DROP_NOMEM] = "nomem",
};

const char *l2f_status_name(enum l2f_status status)
{
	if ((unsigned)status >= L2F_STATUS_COUNT)
		return "unknown";
	return status_names[status];
}

/* Checks that the payload length agrees with index, count and total.
 * Non-last fragments carry exactly one chunk, and the count must be what
 * that chunk gives for the total; single and last fragments may be padded. */
static enum l2f_status check_lengths(const struct l2f_frame *f)
{
	uint64_t wire = f->payload_len;

	if (f->frag_count == 1) {
		if (wire < f->total_len)
			return L2F_DROP_LENGTH;
		if (wire > f->total_len && f->frame_len > L2F_ETH_MIN_FRAME)
			return L2F_DROP_LENGTH;   /* trailing bytes that are not padding */
		return L2F_OK;
	}
	if (f->frag_index + 1u < f->frag_count) {
		if (wire < L2F_MIN_CHUNK)
			return L2F_DROP_LENGTH;
		if ((uint64_t)(f->frag_count - 1u) * wire >= f->total_len ||
		    (uint64_t)f->frag_count * wire < f->total_len)
			return L2F_DROP_LENGTH;
		return L2F_OK;
	}
	/* Last of several: every earlier one holds at least a minimum chunk. */
	if (wire == 0 ||
	    (uint64_t)(f->frag_count - 1u) * L2F_MIN_CHUNK >= f->total_len)
		return L2F_DROP_LENGTH;
	return L2F_OK;
}

enum l2f_status l2f_decode(const uint8_t *frame, size_t frame_len,
                           uint16_t ethertype, struct l2f_frame *out)
{
	const uint8_t *h = frame + L2F_ETH_HDR_LEN;
	unsigned flags;

	if (frame == NULL || frame_len < L2F_ETH_HDR_LEN + L2F_HDR_LEN)
		return L2F_DROP_SHORT;
	if (ws_get_be16(frame + 12) != ethertype)
		return L2F_DROP_ETHERTYPE;
	if (h[0] != 'W' || h[1] != 'S')
		return L2F_DROP_MAGIC;
	if (h[2] != L2F_VERSION)
		return L2F_DROP_VERSION;
	flags = h[3];
	if ((flags & ~L2F_FLAGS_TYPE_MASK) != 0 ||
	    (flags & L2F_FLAGS_TYPE_MASK) > L2F_TYPE_ECHO_REPLY)
		return L2F_DROP_FLAGS;

	memcpy(out->dst, frame, L2F_MAC_LEN);
	memcpy(out->src, frame + L2F_MAC_LEN, L2F_MAC_LEN);
	out->type = (enum l2f_type)(flags & L2F_FLAGS_TYPE_MASK);
	out->msg_id = ws_get_be32(h + 4);
	out->frag_index = ws_get_be16(h + 8);
	out->frag_count = ws_get_be16(h + 10);
	out->total_len = ws_get_be32(h + 12);
	out->payload = h + L2F_HDR_LEN;
	out->payload_len = frame_len - L2F_ETH_HDR_LEN - L2F_HDR_LEN;
	out->frame_len = frame_len;

	if (out->frag_count == 0 || out->frag_index >= out->frag_count ||
	    out->frag_count > L2F_MAX_FRAGS)
		return L2F_DROP_FRAGMENT;
	if (out->type != L2F_TYPE_DATA && out->frag_count != 1)
		return L2F_DROP_FRAGMENT;   /* echoes are never fragmented */
	if (out->total_len > L2F_MAX_MSG ||
	    (out->total_len == 0 && out->type == L2F_TYPE_DATA))
		return L2F_DROP_TOTAL;
	enum l2f_status length_status = check_lengths(out);
	if (length_status != L2F_OK)
		return length_status;
	if (out->frag_count == 1)
		out->payload_len = out->total_len;   /* strip padding */
	return L2F_OK;
}

static bool mtu_valid(size_t mtu)
{
	return mtu >= L2F_MIN_MTU && mtu <= L2F_MAX_MTU;
}

unsigned l2f_fragment_count(size_t msg_len, size_t mtu)
{
	size_t chunk;

	if (msg_len == 0 || msg_len > L2F_MAX_MSG || !mtu_valid(mtu))
		return 0;
	chunk = mtu - L2F_HDR_LEN;
	return (unsigned)((msg_len + chunk - 1) / chunk);
}

static void write_headers(uint8_t *frame, const uint8_t dst[L2F_MAC_LEN],
                          const uint8_t src[L2F_MAC_LEN], uint16_t ethertype,
                          enum l2f_type type, uint32_t msg_id, unsigned index,
                          unsigned count, uint32_t total)
{
	uint8_t *h = frame + L2F_ETH_HDR_LEN;

	memcpy(frame, dst, L2F_MAC_LEN);
	memcpy(frame + L2F_MAC_LEN, src, L2F_MAC_LEN);
	ws_put_be16(frame + 12, ethertype);
	h[0] = 'W';
	h[1] = 'S';
	h[2] = L2F_VERSION;
	h[3] = (uint8_t)type;
	ws_put_be32(h + 4, msg_id);
	ws_put_be16(h + 8, (uint16_t)index);
	ws_put_be16(h + 10, (uint16_t)count);
	ws_put_be32(h + 12, total);
}

/* Pads short frames ourselves so the length on the wire is the same
 * whether or not the NIC would pad. */
static size_t pad_frame(uint8_t *frame, size_t len, size_t frame_cap)
{
	if (len < L2F_ETH_MIN_FRAME && frame_cap >= L2F_ETH_MIN_FRAME) {
		memset(frame + len, 0, L2F_ETH_MIN_FRAME - len);
		return L2F_ETH_MIN_FRAME;
	}
	return len;
}

size_t l2f_encode_fragment(uint8_t *frame, size_t frame_cap,
                           const struct l2f_header *hdr,
                           const uint8_t *msg, size_t msg_len,
                           size_t mtu, unsigned index)
{
	unsigned count;
	size_t chunk, offset, piece, len;

	if (frame == NULL || hdr == NULL || (msg == NULL && msg_len > 0) ||
	    (unsigned)hdr->type > L2F_TYPE_ECHO_REPLY || !mtu_valid(mtu))
		return 0;
	chunk = mtu - L2F_HDR_LEN;
	if (hdr->type == L2F_TYPE_DATA) {
		count = l2f_fragment_count(msg_len, mtu);
		if (count == 0)
			return 0;
	} else {
		if (msg_len > chunk)
			return 0;   /* echoes travel in one frame */
		count = 1;
	}
	if (index >= count)
		return 0;
	offset = (size_t)index * chunk;
	piece = msg_len - offset < chunk ? msg_len - offset : chunk;
	len = L2F_ETH_HDR_LEN + L2F_HDR_LEN + piece;
	if (len > frame_cap)
		return 0;
	write_headers(frame, hdr->dst, hdr->src, hdr->ethertype, hdr->type,
	              hdr->msg_id, index, count, (uint32_t)msg_len);
	if (piece > 0)
		memcpy(frame + L2F_ETH_HDR_LEN + L2F_HDR_LEN, msg + offset, piece);
	return pad_frame(frame, len, frame_cap);
}

size_t l2f_encode_echo_reply(uint8_t *frame, size_t frame_cap,
                             const struct l2f_frame *request,
                             const uint8_t own_mac[L2F_MAC_LEN],
                             uint16_t ethertype)
{
	struct l2f_header hdr;

	if (request == NULL || request->type != L2F_TYPE_ECHO_REQUEST)
		return 0;
	memcpy(hdr.dst, request->src, L2F_MAC_LEN);
	memcpy(hdr.src, own_mac, L2F_MAC_LEN);
	hdr.ethertype = ethertype;
	hdr.type = L2F_TYPE_ECHO_REPLY;
	hdr.msg_id = request->msg_id;
	return l2f_encode_fragment(frame, frame_cap, &hdr, request->payload,
	                           request->payload_len, L2F_MAX_MTU, 0);
}

/* --- reassembly ---------------------------------------------------------- */

struct partial {
	bool in_use;
	uint8_t src[L2F_MAC_LEN];
	uint32_t msg_id;
	uint32_t total_len;
	uint16_t frag_count;
	uint16_t frags_held;
	uint32_t chunk;           /* 0 until a non-last fragment arrived */
	uint8_t *data;            /* total_len bytes */
	uint8_t *held;            /* bitmap, one bit per fragment */
	uint8_t *last;            /* last fragment parked until chunk is known */
	size_t last_len;
	bool last_padded;         /* its frame was short enough to be padded */
	uint64_t started_ms;
	size_t bytes;             /* what this entry counts against the limits */
};

/* Recently completed multi-fragment messages, to recognise late copies of
 * their fragments.  Frames are not authenticated and ids are sequential, so
 * an entry also holds a digest of every fragment: a copy is a fragment with
 * the same place and content, and frames forged with the next ids cannot
 * make the genuine ones look like copies.  Single-frame messages are never
 * remembered (Heartbeat drops duplicates by its own sequence numbers). */
#define RECENT_COUNT 16
struct recent {
	bool valid;
	uint8_t src[L2F_MAC_LEN];
	uint32_t msg_id;
	uint32_t total_len;
	uint16_t frag_count;
	uint32_t chunk;
	uint64_t *digests;        /* frag_count of them */
};

struct l2f_reasm {
	struct l2f_reasm_limits limits;
	struct l2f_counters *counters;
	struct partial *slots;          /* limits.max_partial_total of them */
	unsigned partial_count;
	size_t bytes_in_use;
	struct recent recent[RECENT_COUNT];
	unsigned recent_next;
};

void l2f_reasm_default_limits(struct l2f_reasm_limits *limits)
{
	limits->max_partial_per_peer = 4;
	limits->max_partial_total = 16;
	limits->max_bytes_per_peer = 2u * L2F_MAX_MSG;
	limits->max_bytes_total = 4u * L2F_MAX_MSG;
	limits->max_age_ms = 2000;
}

struct l2f_reasm *l2f_reasm_new(const struct l2f_reasm_limits *limits,
                                struct l2f_counters *counters)
{
	struct l2f_reasm *reasm;

	if (limits == NULL || counters == NULL || limits->max_partial_total == 0 ||
	    limits->max_partial_per_peer == 0 || limits->max_partial_total > 4096)
		return NULL;
	reasm = calloc(1, sizeof(*reasm));
	if (reasm == NULL)
		return NULL;
	reasm->slots = calloc(limits->max_partial_total, sizeof(*reasm->slots));
	if (reasm->slots == NULL) {
		free(reasm);
		return NULL;
	}
	reasm->limits = *limits;
	reasm->counters = counters;
	return reasm;
}

static void release(struct l2f_reasm *reasm, struct partial *p)
{
	free(p->data);
	free(p->held);
	free(p->last);
	reasm->bytes_in_use -= p->bytes;
	reasm->partial_count--;
	memset(p, 0, sizeof(*p));
}

void l2f_reasm_free(struct l2f_reasm *reasm)
{
	if (reasm == NULL)
		return;
	for (unsigned i = 0; i < reasm->limits.max_partial_total; i++)
		if (reasm->slots[i].in_use)
			release(reasm, &reasm->slots[i]);
	for (unsigned i = 0; i < RECENT_COUNT; i++)
		free(reasm->recent[i].digests);
	free(reasm->slots);
	free(reasm);
}

unsigned l2f_reasm_partial_count(const struct l2f_reasm *reasm)
{
	return reasm->partial_count;
}

size_t l2f_reasm_bytes_in_use(const struct l2f_reasm *reasm)
{
	return reasm->bytes_in_use;
}

static void drop(struct l2f_reasm *reasm, enum l2f_status reason)
{
	reasm->counters->drops[reason]++;
}

void l2f_reasm_expire(struct l2f_reasm *reasm, uint64_t now_ms)
{
	for (unsigned i = 0; i < reasm->limits.max_partial_total; i++) {
		struct partial *p = &reasm->slots[i];

		/* now < started means the clock stepped back: keep the entry */
		if (p->in_use && now_ms >= p->started_ms &&
		    now_ms - p->started_ms > reasm->limits.max_age_ms) {
			release(reasm, p);
			drop(reasm, L2F_DROP_STALE);
		}
	}
}

/* FNV-1a, 64 bits: tells a copy of a fragment from another fragment in
 * the same place; the content is not secret, so this only has to stop
 * frames sent before the genuine ones from matching them. */
static uint64_t digest_of(const uint8_t *data, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= data[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Whether f is a copy of a fragment of a message delivered lately. */
static bool recently_completed(const struct l2f_reasm *reasm, const struct l2f_frame *f)
{
	for (unsigned i = 0; i < RECENT_COUNT; i++) {
		const struct recent *r = &reasm->recent[i];
		size_t offset, len;

		if (!r->valid || r->msg_id != f->msg_id || r->total_len != f->total_len ||
		    r->frag_count != f->frag_count || memcmp(r->src, f->src, L2F_MAC_LEN) != 0)
			continue;
		offset = (size_t)f->frag_index * r->chunk;
		len = f->frag_index + 1u < f->frag_count ? r->chunk : r->total_len - offset;
		if (f->payload_len >= len && digest_of(f->payload, len) == r->digests[f->frag_index])
			return true;
	}
	return false;
}

/* Remembers a completed message; without memory for the digests it is just
 * not remembered, and a late copy starts a partial that expires. */
static void remember_completed(struct l2f_reasm *reasm, const struct partial *p)
{
	struct recent *r = &reasm->recent[reasm->recent_next];
	uint64_t *digests = malloc((size_t)p->frag_count * sizeof(*digests));

	if (digests == NULL)
		return;
	for (unsigned i = 0; i < p->frag_count; i++) {
		size_t offset = (size_t)i * p->chunk;

		digests[i] = digest_of(p->data + offset, i + 1u < p->frag_count
		                       ? p->chunk : p->total_len - offset);
	}
	free(r->digests);
	r->valid = true;
	memcpy(r->src, p->src, L2F_MAC_LEN);
	r->msg_id = p->msg_id;
	r->total_len = p->total_len;
	r->frag_count = p->frag_count;
	r->chunk = p->chunk;
	r->digests = digests;
	reasm->recent_next = (reasm->recent_next + 1) % RECENT_COUNT;
}

static struct partial *find_partial(struct l2f_reasm *reasm,
                                    const uint8_t src[L2F_MAC_LEN], uint32_t msg_id)
{
	for (unsigned i = 0; i < reasm->limits.max_partial_total; i++) {
		struct partial *p = &reasm->slots[i];

		if (p->in_use && p->msg_id == msg_id &&
		    memcmp(p->src, src, L2F_MAC_LEN) == 0)
			return p;
	}
	return NULL;
}

/* The partial message to give up first, of one peer (src != NULL) or of
 * anyone: the one with the fewest fragments held, the oldest among equals.
 * A flood of first fragments then displaces its own debris before a real
 * message that is well under way. */
static struct partial *pick_victim(struct l2f_reasm *reasm, const uint8_t *src,
                                   const struct partial *spare,
                                   unsigned *peer_count, size_t *peer_bytes)
{
	struct partial *victim = NULL;

	*peer_count = 0;
	*peer_bytes = 0;
	for (unsigned i = 0; i < reasm->limits.max_partial_total; i++) {
		struct partial *p = &reasm->slots[i];

		if (!p->in_use || (src != NULL && memcmp(p->src, src, L2F_MAC_LEN) != 0))
			continue;
		(*peer_count)++;
		*peer_bytes += p->bytes;
		if (p == spare)
			continue;
		if (victim == NULL || p->frags_held < victim->frags_held ||
		    (p->frags_held == victim->frags_held && p->started_ms < victim->started_ms))
			victim = p;
	}
	return victim;
}

/* Evicts entries other than spare until `bytes` more fit every limit: a
 * new entry (grow == NULL) or more bytes for the entry grow.  Returns
 * whether they fit. */
static bool make_room(struct l2f_reasm *reasm, const uint8_t src[L2F_MAC_LEN],
                      size_t bytes, const struct partial *grow)
{
	const struct l2f_reasm_limits *lim = &reasm->limits;
	unsigned count, extra = grow == NULL;
	size_t used;
	struct partial *victim;

	for (;;) {
		victim = pick_victim(reasm, src, grow, &count, &used);
		if (count + extra <= lim->max_partial_per_peer &&
		    used + bytes <= lim->max_bytes_per_peer)
			break;
		if (victim == NULL)
			return false;
		release(reasm, victim);
		drop(reasm, L2F_DROP_EVICTED);
	}
	for (;;) {
		victim = pick_victim(reasm, NULL, grow, &count, &used);
		if (count + extra <= lim->max_partial_total &&
		    used + bytes <= lim->max_bytes_total)
			break;
		if (victim == NULL)
			return false;
		release(reasm, victim);
		drop(reasm, L2F_DROP_EVICTED);
	}
	return true;
}

static struct partial *start_partial(struct l2f_reasm *reasm,
                                     const struct l2f_frame *f, uint64_t now_ms)
{
	size_t bitmap_len = ((size_t)f->frag_count + 7) / 8;
	size_t bytes = f->total_len + bitmap_len;
	struct partial *p = NULL;

	if (bytes > reasm->limits.max_bytes_per_peer ||
	    bytes > reasm->limits.max_bytes_total) {
		drop(reasm, L2F_DROP_TOO_BIG);
		return NULL;
	}
	(void)make_room(reasm, f->src, bytes, NULL);
	for (unsigned i = 0; i < reasm->limits.max_partial_total; i++) {
		if (!reasm->slots[i].in_use) {
			p = &reasm->slots[i];
			break;
		}
	}
	if (p == NULL) {   /* make_room guarantees a free slot; be safe anyway */
		drop(reasm, L2F_DROP_EVICTED);
		return NULL;
	}
	p->data = malloc(f->total_len);
	p->held = calloc(bitmap_len, 1);
	if (p->data == NULL || p->held == NULL) {
		free(p->data);
		free(p->held);
		memset(p, 0, sizeof(*p));
		drop(reasm, L2F_DROP_NOMEM);
		return NULL;
	}
	p->in_use = true;
	memcpy(p->src, f->src, L2F_MAC_LEN);
	p->msg_id = f->msg_id;
	p->total_len = f->total_len;
	p->frag_count = f->frag_count;
	p->started_ms = now_ms;
	p->bytes = bytes;
	reasm->partial_count++;
	reasm->bytes_in_use += bytes;
	return p;
}

/* Copies the last fragment into place once the chunk size is known.
 * Returns false when its length contradicts the other fragments. */
static bool place_last(struct partial *p, const uint8_t *payload,
                       size_t wire_len, bool padded)
{
	size_t offset = (size_t)(p->frag_count - 1u) * p->chunk;
	size_t need;

	if (offset >= p->total_len)
		return false;
	need = p->total_len - offset;
	if (wire_len < need || (wire_len > need && !padded))
		return false;
	memcpy(p->data + offset, payload, need);
	return true;
}

static int complete(struct l2f_reasm *reasm, struct partial *p,
                    struct l2f_message *out)
{
	memcpy(out->src, p->src, L2F_MAC_LEN);
	out->msg_id = p->msg_id;
	out->data = p->data;
	out->len = p->total_len;
	remember_completed(reasm, p);
	p->data = NULL;   /* ownership passes to the caller */
	release(reasm, p);
	return 1;
}

static int deliver_single(struct l2f_reasm *reasm, const struct l2f_frame *f,
                          struct l2f_message *out)
{
	out->data = malloc(f->total_len);
	if (out->data == NULL) {
		drop(reasm, L2F_DROP_NOMEM);
		return -1;
	}
	memcpy(out->data, f->payload, f->total_len);
	memcpy(out->src, f->src, L2F_MAC_LEN);
	out->msg_id = f->msg_id;
	out->len = f->total_len;
	return 1;
}

int l2f_reasm_add(struct l2f_reasm *reasm, const struct l2f_frame *f,
                  uint64_t now_ms, struct l2f_message *out)
{
	struct partial *p;
	unsigned idx = f->frag_index;
	bool is_last = idx + 1u == f->frag_count;
	bool padded = f->frame_len <= L2F_ETH_MIN_FRAME;

	if (f->type != L2F_TYPE_DATA) {
		drop(reasm, L2F_DROP_FLAGS);
		return -1;
	}
	l2f_reasm_expire(reasm, now_ms);
	if (f->frag_count == 1)
		return deliver_single(reasm, f, out);
	if (recently_completed(reasm, f)) {
		drop(reasm, L2F_DROP_DUPLICATE);
		return -1;
	}

	p = find_partial(reasm, f->src, f->msg_id);
	if (p != NULL && (p->total_len != f->total_len || p->frag_count != f->frag_count)) {
		drop(reasm, L2F_DROP_MISMATCH);
		return -1;
	}
	if (p == NULL && (p = start_partial(reasm, f, now_ms)) == NULL)
		return -1;
	if (p->held[idx / 8] & (1u << (idx % 8))) {
		drop(reasm, L2F_DROP_DUPLICATE);
		return -1;
	}

	if (!is_last) {
		if (p->chunk == 0) {
			p->chunk = (uint32_t)f->payload_len;
			if (p->last != NULL) {
				bool fits = place_last(p, p->last, p->last_len, p->last_padded);

				free(p->last);
				p->last = NULL;
				p->bytes -= p->last_len;
				reasm->bytes_in_use -= p->last_len;
				if (!fits) {
					/* Cannot tell which side lied: give the message up. */
					release(reasm, p);
					drop(reasm, L2F_DROP_MISMATCH);
					return -1;
				}
			}
		} else if (p->chunk != f->payload_len) {
			drop(reasm, L2F_DROP_MISMATCH);
			return -1;
		}
		memcpy(p->data + (size_t)idx * p->chunk, f->payload, f->payload_len);
	} else if (p->chunk != 0) {
		if (!place_last(p, f->payload, f->payload_len, padded)) {
			drop(reasm, L2F_DROP_MISMATCH);
			return -1;
		}
	} else {
		/* Park it until a non-last fragment tells the chunk size: one
		 * frame's payload at most (padding cut off), freed once placed. */
		size_t keep = f->payload_len < p->total_len ? f->payload_len : p->total_len;

		if (f->payload_len > p->total_len && !padded) {
			drop(reasm, L2F_DROP_MISMATCH);
			return -1;
		}
		/* The parked copy counts against the byte limits like the rest. */
		if (!make_room(reasm, p->src, keep, p)) {
			if (p->frags_held == 0)
				release(reasm, p);
			drop(reasm, L2F_DROP_TOO_BIG);
			return -1;
		}
		p->last = malloc(keep);
		if (p->last == NULL) {
			drop(reasm, L2F_DROP_NOMEM);
			return -1;
		}
		memcpy(p->last, f->payload, keep);
		p->last_len = keep;
		p->last_padded = padded;
		p->bytes += keep;
		reasm->bytes_in_use += keep;
	}
	p->held[idx / 8] |= (uint8_t)(1u << (idx % 8));
	p->frags_held++;
	if (p->frags_held == p->frag_count)
		return complete(reasm, p, out);
	return 0;
}
