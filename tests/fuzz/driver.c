/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Replays a libFuzzer target over its checked-in corpus, so that `make check`
 * runs every fuzz input with the ordinary compiler (and under ASan/UBSan in
 * the sanitizer build).  Arguments are files or directories; with none, the
 * corpus directory compiled in as FUZZ_CORPUS_DIR is used.  Fails when no
 * input was found: an empty corpus would make the test pass vacuously.
 * In a build configured with --enable-fuzzing, libFuzzer brings main()
 * instead and this file compiles to nothing. */
#include "config.h"

#ifndef WS_FUZZING

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *in = fopen(path, "rb");
	uint8_t *data;
	long size;
	size_t got;

	if (in == NULL) {
		perror(path);
		return -1;
	}
	if (fseek(in, 0, SEEK_END) != 0 || (size = ftell(in)) < 0 || fseek(in, 0, SEEK_SET) != 0) {
		perror(path);
		fclose(in);
		return -1;
	}
	data = malloc((size_t)size + 1);
	if (data == NULL) {
		fclose(in);
		return -1;
	}
	got = fread(data, 1, (size_t)size, in);
	fclose(in);
	if (got != (size_t)size) {
		fprintf(stderr, "%s: short read\n", path);
		free(data);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, got);
	free(data);
	return 0;
}

static int replay_path(const char *path, unsigned *count)
{
	struct stat st;
	DIR *dir;
	struct dirent *entry;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (replay_file(path) != 0)
			return -1;
		(*count)++;
		return 0;
	}
	dir = opendir(path);
	if (dir == NULL) {
		perror(path);
		return -1;
	}
	while (rc == 0 && (entry = readdir(dir)) != NULL) {
		char child[4096];

		if (entry->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, entry->d_name) >= sizeof(child)) {
			fprintf(stderr, "%s/%s: path too long\n", path, entry->d_name);
			rc = -1;
			break;
		}
		rc = replay_path(child, count);
	}
	closedir(dir);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned count = 0;

	if (argc < 2) {
		if (replay_path(FUZZ_CORPUS_DIR, &count) != 0)
			return 1;
	}
	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i], &count) != 0)
			return 1;
	if (count == 0) {
		fputs("no corpus input found\n", stderr);
		return 1;
	}
	printf("replayed %u inputs without a crash\n", count);
	return 0;
}

#endif /* !WS_FUZZING */
