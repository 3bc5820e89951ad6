/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the l2 medium's frame codec and reassembler. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hbcomm-l2/l2frame.h"

#define ETYPE L2F_DEFAULT_ETHERTYPE
#define FRAME_CAP (L2F_ETH_HDR_LEN + 9000)

static const uint8_t mac_a[6] = { 0x02, 0x77, 0x73, 0x00, 0x00, 0x0a };
static const uint8_t mac_b[6] = { 0x02, 0x77, 0x73, 0x00, 0x00, 0x0b };

static void make_header(struct l2f_header *hdr, const uint8_t *src, uint32_t id)
{
	memcpy(hdr->dst, mac_b, 6);
	memcpy(hdr->src, src, 6);
	hdr->ethertype = ETYPE;
	hdr->type = L2F_TYPE_DATA;
	hdr->msg_id = id;
}

static uint8_t *pattern(size_t len, unsigned seed)
{
	uint8_t *msg = malloc(len ? len : 1);

	assert_non_null(msg);
	for (size_t i = 0; i < len; i++)
		msg[i] = (uint8_t)(i * 7 + seed + i / 251);
	return msg;
}

/* A valid single-fragment data frame of `len` payload bytes. */
static size_t one_frame(uint8_t *frame, size_t len, uint32_t id)
{
	struct l2f_header hdr;
	uint8_t *msg = pattern(len, 1);
	size_t n;

	make_header(&hdr, mac_a, id);
	n = l2f_encode_fragment(frame, FRAME_CAP, &hdr, msg, len, 1500, 0);
	free(msg);
	assert_true(n > 0);
	return n;
}

/* Encodes msg at mtu, feeds every fragment (in order, or last first) through
 * decode and reassembly, and checks the message comes out once, intact. */
static void round_trip(size_t len, size_t mtu, int last_first)
{
	struct l2f_counters counters = { 0 };
	struct l2f_reasm_limits limits;
	struct l2f_reasm *reasm;
	struct l2f_header hdr;
	struct l2f_message out = { 0 };
	uint8_t *msg = pattern(len, (unsigned)mtu);
	uint8_t *frame = malloc(L2F_ETH_HDR_LEN + mtu);
	unsigned count = l2f_fragment_count(len, mtu);
	int completions = 0;

	assert_non_null(frame);
	assert_true(count >= 1);
	assert_int_equal(count, (len + mtu - L2F_HDR_LEN - 1) / (mtu - L2F_HDR_LEN));
	l2f_reasm_default_limits(&limits);
	reasm = l2f_reasm_new(&limits, &counters);
	assert_non_null(reasm);
	make_header(&hdr, mac_a, 42);
	for (unsigned k = 0; k < count; k++) {
		unsigned idx = last_first ? (k == 0 ? count - 1 : k - 1) : k;
		struct l2f_frame f;
		size_t n = l2f_encode_fragment(frame, L2F_ETH_HDR_LEN + mtu, &hdr,
		                               msg, len, mtu, idx);
		int rc;

		assert_true(n >= L2F_ETH_MIN_FRAME);
		assert_true(n <= L2F_ETH_HDR_LEN + mtu);
		assert_int_equal(l2f_decode(frame, n, ETYPE, &f), L2F_OK);
		assert_int_equal(f.frag_index, idx);
		assert_int_equal(f.frag_count, count);
		assert_int_equal(f.total_len, len);
		rc = l2f_reasm_add(reasm, &f, 1000, &out);
		assert_true(rc >= 0);
		completions += rc;
	}
	assert_int_equal(completions, 1);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, msg, len);
	assert_memory_equal(out.src, mac_a, 6);
	assert_int_equal(l2f_reasm_partial_count(reasm), 0);
	assert_int_equal(l2f_reasm_bytes_in_use(reasm), 0);
	for (unsigned i = 0; i < L2F_STATUS_COUNT; i++)
		assert_int_equal(counters.drops[i], 0);
	free(out.data);
	free(frame);
	free(msg);
	l2f_reasm_free(reasm);
}

static void messages_cross_intact_at_every_fragment_boundary(void **state)
{
	static const size_t mtus[] = { L2F_MIN_MTU, 1500, 9000 };

	(void)state;
	for (size_t m = 0; m < sizeof(mtus) / sizeof(mtus[0]); m++) {
		size_t chunk = mtus[m] - L2F_HDR_LEN;

		for (size_t mult = 1; mult <= 3; mult++)
			for (int delta = -1; delta <= 1; delta++) {
				size_t len = chunk * mult + (size_t)(ptrdiff_t)delta;

				round_trip(len, mtus[m], 0);
				round_trip(len, mtus[m], 1);
			}
		round_trip(1, mtus[m], 0);
		round_trip(L2F_MAX_MSG, mtus[m], 0);
		round_trip(L2F_MAX_MSG, mtus[m], 1);
		round_trip(L2F_MAX_MSG - 1, mtus[m], 1);
	}
}

static void small_frames_are_padded_and_padding_is_ignored(void **state)
{
	uint8_t frame[FRAME_CAP];
	struct l2f_frame f;
	size_t n = one_frame(frame, 3, 7);

	(void)state;
	assert_int_equal(n, L2F_ETH_MIN_FRAME);
	assert_int_equal(l2f_decode(frame, n, ETYPE, &f), L2F_OK);
	assert_int_equal(f.payload_len, 3);
}

static void mtu_and_size_bounds_are_enforced(void **state)
{
	uint8_t frame[FRAME_CAP];
	struct l2f_header hdr;
	uint8_t msg[300] = { 0 };

	(void)state;
	assert_int_equal(l2f_fragment_count(100, L2F_MIN_MTU - 1), 0);
	assert_int_equal(l2f_fragment_count(100, L2F_MIN_MTU), 1);
	assert_int_equal(l2f_fragment_count(100, L2F_MAX_MTU), 1);
	assert_int_equal(l2f_fragment_count(100, L2F_MAX_MTU + 1), 0);
	assert_int_equal(l2f_fragment_count(0, 1500), 0);
	assert_int_equal(l2f_fragment_count(L2F_MAX_MSG + 1, 1500), 0);
	assert_true(l2f_fragment_count(L2F_MAX_MSG, L2F_MIN_MTU) <= L2F_MAX_FRAGS);
	make_header(&hdr, mac_a, 1);
	/* buffer one byte too small */
	assert_int_equal(l2f_encode_fragment(frame, L2F_ETH_HDR_LEN + L2F_HDR_LEN + 299,
	                                     &hdr, msg, 300, 1500, 0), 0);
	assert_int_equal(l2f_encode_fragment(frame, sizeof(frame), &hdr, msg, 300, 1500, 1), 0);
	/* an echo never fragments */
	hdr.type = L2F_TYPE_ECHO_REQUEST;
	assert_int_equal(l2f_encode_fragment(frame, sizeof(frame), &hdr, msg, 300, L2F_MIN_MTU, 0), 0);
	assert_int_not_equal(l2f_encode_fragment(frame, sizeof(frame), &hdr, msg, 0, L2F_MIN_MTU, 0), 0);
}

static enum l2f_status decode_patched(const uint8_t *good, size_t len,
                                      size_t offset, uint8_t value)
{
	uint8_t frame[FRAME_CAP];
	struct l2f_frame f;

	memcpy(frame, good, len);
	frame[offset] = value;
	return l2f_decode(frame, len, ETYPE, &f);
}

static void each_malformed_header_field_is_rejected_by_reason(void **state)
{
	uint8_t good[FRAME_CAP];
	struct l2f_frame f;
	size_t n = one_frame(good, 100, 9);
	const size_t h = L2F_ETH_HDR_LEN;

	(void)state;
	assert_int_equal(l2f_decode(good, n, ETYPE, &f), L2F_OK);
	assert_int_equal(l2f_decode(good, h + L2F_HDR_LEN - 1, ETYPE, &f), L2F_DROP_SHORT);
	assert_int_equal(l2f_decode(NULL, 0, ETYPE, &f), L2F_DROP_SHORT);
	assert_int_equal(l2f_decode(good, n, 0x88B6, &f), L2F_DROP_ETHERTYPE);
	assert_int_equal(decode_patched(good, n, h + 0, 'w'), L2F_DROP_MAGIC);
	assert_int_equal(decode_patched(good, n, h + 1, 'T'), L2F_DROP_MAGIC);
	assert_int_equal(decode_patched(good, n, h + 2, 2), L2F_DROP_VERSION);
	assert_int_equal(decode_patched(good, n, h + 2, 0), L2F_DROP_VERSION);
	assert_int_equal(decode_patched(good, n, h + 3, 0x80), L2F_DROP_FLAGS);
	assert_int_equal(decode_patched(good, n, h + 3, 3), L2F_DROP_FLAGS);
	assert_int_equal(decode_patched(good, n, h + 11, 0), L2F_DROP_FRAGMENT);   /* count 0 */
	assert_int_equal(decode_patched(good, n, h + 9, 1), L2F_DROP_FRAGMENT);    /* index 1 of 1 */
	assert_int_equal(decode_patched(good, n, h + 10, 0xff), L2F_DROP_FRAGMENT); /* count huge */
	assert_int_equal(decode_patched(good, n, h + 12, 0x01), L2F_DROP_TOTAL);   /* 16 MiB */
	assert_int_equal(decode_patched(good, n, h + 15, 101), L2F_DROP_LENGTH);   /* total > payload */
	assert_int_equal(decode_patched(good, n, h + 15, 99), L2F_DROP_LENGTH);    /* junk after */
	/* total 0 is a data error, but a valid empty echo */
	{
		uint8_t frame[FRAME_CAP];

		memcpy(frame, good, n);
		frame[h + 15] = 0;
		assert_int_equal(l2f_decode(frame, n, ETYPE, &f), L2F_DROP_TOTAL);
		frame[h + 3] = L2F_TYPE_ECHO_REQUEST;
		assert_int_equal(l2f_decode(frame, L2F_ETH_MIN_FRAME, ETYPE, &f), L2F_OK);
		frame[h + 11] = 2;   /* a fragmented echo */
		assert_int_equal(l2f_decode(frame, L2F_ETH_MIN_FRAME, ETYPE, &f), L2F_DROP_FRAGMENT);
	}
}

static void fragment_lengths_must_agree_with_count_and_total(void **state)
{
	uint8_t frame[FRAME_CAP];
	struct l2f_header hdr;
	struct l2f_frame f;
	uint8_t *msg = pattern(3000, 3);
	size_t n;

	(void)state;
	make_header(&hdr, mac_a, 5);
	n = l2f_encode_fragment(frame, sizeof(frame), &hdr, msg, 3000, 1500, 0);
	assert_int_equal(l2f_decode(frame, n, ETYPE, &f), L2F_OK);
	/* a first fragment cut short no longer yields 3 fragments */
	assert_int_equal(l2f_decode(frame, n - 600, ETYPE, &f), L2F_DROP_LENGTH);
	/* a non-last fragment below the minimum chunk */
	assert_int_equal(l2f_decode(frame, L2F_ETH_HDR_LEN + L2F_HDR_LEN + 50, ETYPE, &f),
	                 L2F_DROP_LENGTH);
	/* a last fragment whose total leaves nothing for it */
	n = l2f_encode_fragment(frame, sizeof(frame), &hdr, msg, 3000, 1500, 2);
	frame[L2F_ETH_HDR_LEN + 14] = 0;
	frame[L2F_ETH_HDR_LEN + 15] = 200;   /* total 200 with 3 fragments */
	assert_int_equal(l2f_decode(frame, n, ETYPE, &f), L2F_DROP_LENGTH);
	free(msg);
}

static void echo_reply_swaps_addresses_and_keeps_payload(void **state)
{
	uint8_t req[FRAME_CAP], rep[FRAME_CAP];
	struct l2f_header hdr;
	struct l2f_frame f, g;
	const uint8_t payload[16] = "0123456789abcdef";
	size_t n;

	(void)state;
	make_header(&hdr, mac_a, 77);
	hdr.type = L2F_TYPE_ECHO_REQUEST;
	n = l2f_encode_fragment(req, sizeof(req), &hdr, payload, sizeof(payload), 1500, 0);
	assert_int_equal(l2f_decode(req, n, ETYPE, &f), L2F_OK);
	assert_int_equal(f.type, L2F_TYPE_ECHO_REQUEST);
	n = l2f_encode_echo_reply(rep, sizeof(rep), &f, mac_b, ETYPE);
	assert_int_equal(l2f_decode(rep, n, ETYPE, &g), L2F_OK);
	assert_int_equal(g.type, L2F_TYPE_ECHO_REPLY);
	assert_int_equal(g.msg_id, 77);
	assert_memory_equal(g.dst, mac_a, 6);
	assert_memory_equal(g.src, mac_b, 6);
	assert_int_equal(g.payload_len, sizeof(payload));
	assert_memory_equal(g.payload, payload, sizeof(payload));
	/* replies are not answered */
	assert_int_equal(l2f_encode_echo_reply(rep, sizeof(rep), &g, mac_b, ETYPE), 0);
}

/* --- reassembly ------------------------------------------------------------ */

struct fixture {
	struct l2f_counters counters;
	struct l2f_reasm *reasm;
	uint8_t frame[FRAME_CAP];
	uint8_t *msg;
	struct l2f_message out;         /* what the last feed delivered */
};

/* The limits the tests below count against: eviction at the third partial
 * of a peer or the fourth of all, expiry after half a second. */
static const struct l2f_reasm_limits small_limits = {
	.max_partial_per_peer = 2,
	.max_partial_total = 3,
	.max_bytes_per_peer = 20000,
	.max_bytes_total = 25000,
	.max_age_ms = 500,
};

static int setup_small_limits(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	fx->reasm = l2f_reasm_new(&small_limits, &fx->counters);
	fx->msg = pattern(30000, 5);
	*state = fx;
	return fx->reasm == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	l2f_reasm_free(fx->reasm);
	free(fx->msg);
	free(fx);
	return 0;
}

/* Feeds fragment idx of msg (MTU 1500) from src; a message it completes
 * is in fx->out. */
static int feed_buf(struct fixture *fx, const uint8_t *src, uint32_t id, const uint8_t *msg,
                    size_t len, unsigned idx, uint64_t now)
{
	struct l2f_header hdr;
	struct l2f_frame f;
	size_t n;

	make_header(&hdr, src, id);
	n = l2f_encode_fragment(fx->frame, sizeof(fx->frame), &hdr, msg, len, 1500, idx);
	assert_true(n > 0);
	assert_int_equal(l2f_decode(fx->frame, n, ETYPE, &f), L2F_OK);
	return l2f_reasm_add(fx->reasm, &f, now, &fx->out);
}

/* Feeds fragment idx of the fixture's len-byte message. */
static int feed(struct fixture *fx, const uint8_t *src, uint32_t id, size_t len,
                unsigned idx, uint64_t now)
{
	return feed_buf(fx, src, id, fx->msg, len, idx, now);
}

/* The reassembler refused a fragment (rc) and counted it under reason,
 * which now stands at total.  A macro, for a failure to name the caller's
 * line. */
#define assert_dropped(fx, rc, reason, total)                                  \
	do {                                                                   \
		assert_int_equal((rc), -1);                                    \
		assert_int_equal((fx)->counters.drops[(reason)], (total));     \
	} while (0)

static void duplicates_are_dropped_and_counted(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(feed(fx, mac_a, 1, 4000, 0, 0), 0);
	assert_dropped(fx, feed(fx, mac_a, 1, 4000, 0, 0), L2F_DROP_DUPLICATE, 1);
	assert_int_equal(feed(fx, mac_a, 1, 4000, 1, 0), 0);
	assert_int_equal(feed(fx, mac_a, 1, 4000, 2, 0), 1);
	free(fx->out.data);
	/* a late copy of a delivered message is not delivered twice */
	assert_dropped(fx, feed(fx, mac_a, 1, 4000, 2, 0), L2F_DROP_DUPLICATE, 2);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 0);
}

static void fragments_disagreeing_with_their_message_are_dropped(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(feed(fx, mac_a, 2, 4000, 0, 0), 0);
	/* same id, other total */
	assert_dropped(fx, feed(fx, mac_a, 2, 5000, 1, 0), L2F_DROP_MISMATCH, 1);
	/* same id from another peer is another message */
	assert_int_equal(feed(fx, mac_b, 2, 5000, 1, 0), 0);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 2);
}

static void oldest_partial_is_evicted_at_the_per_peer_count(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(feed(fx, mac_a, 10, 3000, 0, 1), 0);
	assert_int_equal(feed(fx, mac_a, 11, 3000, 0, 2), 0);
	assert_int_equal(feed(fx, mac_a, 12, 3000, 0, 3), 0);
	assert_int_equal(fx->counters.drops[L2F_DROP_EVICTED], 1);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 2);
	/* message 10 is gone: its remaining fragments start it over */
	assert_int_equal(feed(fx, mac_a, 11, 3000, 1, 4), 0);
	assert_int_equal(feed(fx, mac_a, 11, 3000, 2, 4), 1);
	assert_memory_equal(fx->out.data, fx->msg, 3000);
	free(fx->out.data);
}

static void a_message_under_way_outlives_a_flood_of_first_fragments(void **state)
{
	struct fixture *fx = *state;

	/* a real 4-fragment message, three fragments in */
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(feed(fx, mac_a, 100, 5000, i, 1), 0);
	/* then many newer one-fragment partials from the same source */
	for (uint32_t id = 200; id < 220; id++)
		assert_int_equal(feed(fx, mac_a, id, 3000, 0, 2 + id), 0);
	assert_int_equal(feed(fx, mac_a, 100, 5000, 3, 300), 1);
	assert_memory_equal(fx->out.data, fx->msg, 5000);
	free(fx->out.data);
}

static void total_count_and_bytes_limits_hold_across_peers(void **state)
{
	struct fixture *fx = *state;
	const uint8_t mac_c[6] = { 0x02, 0, 0, 0, 0, 0x0c };

	assert_int_equal(feed(fx, mac_a, 1, 3000, 0, 1), 0);
	assert_int_equal(feed(fx, mac_b, 1, 3000, 0, 2), 0);
	assert_int_equal(feed(fx, mac_c, 1, 3000, 0, 3), 0);
	assert_int_equal(feed(fx, mac_c, 2, 3000, 0, 4), 0);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 3);
	assert_int_equal(fx->counters.drops[L2F_DROP_EVICTED], 1);
	/* 19000 more bytes: b's older partial goes (per-peer bytes), then
	 * the oldest of all, c's first (total bytes) */
	assert_int_equal(feed(fx, mac_b, 3, 19000, 0, 5), 0);
	assert_true(l2f_reasm_bytes_in_use(fx->reasm) <= 25000);
	assert_int_equal(fx->counters.drops[L2F_DROP_EVICTED], 3);
	/* above the per-peer byte limit: refused outright */
	assert_dropped(fx, feed(fx, mac_b, 4, 25000, 0, 6), L2F_DROP_TOO_BIG, 1);
}

static void stale_partials_expire(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(feed(fx, mac_a, 1, 3000, 0, 1000), 0);
	l2f_reasm_expire(fx->reasm, 1400);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 1);
	l2f_reasm_expire(fx->reasm, 1501);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 0);
	assert_int_equal(l2f_reasm_bytes_in_use(fx->reasm), 0);
	assert_int_equal(fx->counters.drops[L2F_DROP_STALE], 1);
	/* the rest arriving late never completes a message */
	assert_int_equal(feed(fx, mac_a, 1, 3000, 1, 1600), 0);
	assert_int_equal(feed(fx, mac_a, 1, 3000, 2, 1600), 0);
}

static void last_fragment_of_wrong_length_is_a_mismatch(void **state)
{
	struct fixture *fx = *state;
	struct l2f_header hdr;
	struct l2f_frame f;
	size_t n;

	/* A last fragment from a sender with a smaller MTU (chunk 1000): its
	 * length disagrees with the 1484-byte chunk of fragment 0. */
	make_header(&hdr, mac_a, 9);
	n = l2f_encode_fragment(fx->frame, sizeof(fx->frame), &hdr, fx->msg, 2500, 1016, 2);
	assert_int_equal(l2f_decode(fx->frame, n, ETYPE, &f), L2F_OK);
	f.frag_count = 2;
	f.frag_index = 1;
	assert_int_equal(l2f_reasm_add(fx->reasm, &f, 0, &fx->out), 0);
	assert_dropped(fx, feed(fx, mac_a, 9, 2500, 0, 0), L2F_DROP_MISMATCH, 1);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 0);
}

static void echo_frames_are_not_reassembled(void **state)
{
	struct fixture *fx = *state;
	struct l2f_frame f = { .type = L2F_TYPE_ECHO_REQUEST, .frag_count = 1, .total_len = 0 };

	assert_dropped(fx, l2f_reasm_add(fx->reasm, &f, 0, &fx->out), L2F_DROP_FLAGS, 1);
	assert_string_equal(l2f_status_name(L2F_DROP_STALE), "stale");
	assert_string_equal(l2f_status_name((enum l2f_status)99), "unknown");
}

/* Frames are not authenticated and ids are sequential: an attacker who
 * injects the next 16 ids under the peer's MAC must not get the genuine
 * messages dropped as duplicates, single-frame or fragmented. */
static void spoofed_next_ids_do_not_silence_the_peer(void **state)
{
	struct fixture *fx = *state;
	uint8_t *forged = pattern(3000, 99);
	uint8_t *genuine = pattern(3000, 3);
	unsigned delivered = 0;

	for (uint32_t id = 100; id < 116; id++) {
		if (feed_buf(fx, mac_a, id, forged, 200, 0, 0) == 1)
			free(fx->out.data);
	}
	for (uint32_t id = 100; id < 116; id++) {
		if (feed_buf(fx, mac_a, id, genuine, 200, 0, 0) == 1) {
			assert_memory_equal(fx->out.data, genuine, 200);
			free(fx->out.data);
			delivered++;
		}
	}
	assert_int_equal(delivered, 16);

	delivered = 0;
	for (uint32_t id = 200; id < 216; id++)
		for (unsigned idx = 0; idx < 3; idx++)
			if (feed_buf(fx, mac_a, id, forged, 3000, idx, 0) == 1)
				free(fx->out.data);
	for (uint32_t id = 200; id < 216; id++)
		for (unsigned idx = 0; idx < 3; idx++)
			if (feed_buf(fx, mac_a, id, genuine, 3000, idx, 0) == 1) {
				assert_int_equal(fx->out.len, 3000);
				assert_memory_equal(fx->out.data, genuine, 3000);
				free(fx->out.data);
				delivered++;
			}
	assert_int_equal(delivered, 16);
	/* a real late copy of a fragment is still recognised */
	assert_int_equal(feed_buf(fx, mac_a, 215, genuine, 3000, 1, 0), -1);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 0);
	free(forged);
	free(genuine);
}

/* A last fragment that arrives first is parked until the chunk size is
 * known; the copy counts against the byte limits while it is held. */
static void a_parked_last_fragment_counts_against_the_limits(void **state)
{
	struct fixture *fx = *state;

	/* 4000 bytes at MTU 1500: chunks of 1484, a last piece of 1032 */
	assert_int_equal(feed(fx, mac_a, 7, 4000, 2, 0), 0);
	assert_int_equal(l2f_reasm_bytes_in_use(fx->reasm), 4000 + 1 + 1032);
	assert_int_equal(feed(fx, mac_a, 7, 4000, 0, 0), 0);
	assert_int_equal(l2f_reasm_bytes_in_use(fx->reasm), 4000 + 1);
	assert_int_equal(feed(fx, mac_a, 7, 4000, 1, 0), 1);
	free(fx->out.data);
	assert_int_equal(l2f_reasm_bytes_in_use(fx->reasm), 0);

	/* 19387 of the peer's 20000 bytes held by two messages: a parked last
	 * piece of 1481 must evict the other one, not go over the limit. */
	assert_int_equal(feed(fx, mac_a, 8, 9000, 0, 0), 0);
	assert_int_equal(feed(fx, mac_a, 9, 10385, 6, 0), 0);
	assert_int_equal(l2f_reasm_bytes_in_use(fx->reasm), 10385 + 1 + 1481);
	assert_int_equal(fx->counters.drops[L2F_DROP_EVICTED], 1);
	assert_int_equal(l2f_reasm_partial_count(fx->reasm), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(messages_cross_intact_at_every_fragment_boundary),
		cmocka_unit_test(small_frames_are_padded_and_padding_is_ignored),
		cmocka_unit_test(mtu_and_size_bounds_are_enforced),
		cmocka_unit_test(each_malformed_header_field_is_rejected_by_reason),
		cmocka_unit_test(fragment_lengths_must_agree_with_count_and_total),
		cmocka_unit_test(echo_reply_swaps_addresses_and_keeps_payload),
		cmocka_unit_test_setup_teardown(duplicates_are_dropped_and_counted,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(fragments_disagreeing_with_their_message_are_dropped,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(oldest_partial_is_evicted_at_the_per_peer_count,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(a_message_under_way_outlives_a_flood_of_first_fragments,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(total_count_and_bytes_limits_hold_across_peers,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(stale_partials_expire,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(last_fragment_of_wrong_length_is_a_mismatch,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(echo_frames_are_not_reassembled,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(spoofed_next_ids_do_not_silence_the_peer,
		                                setup_small_limits, teardown),
		cmocka_unit_test_setup_teardown(a_parked_last_fragment_counts_against_the_limits,
		                                setup_small_limits, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
