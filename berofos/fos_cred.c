/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Credentials files: read only when root owns them and nobody else can read
 * them; written through a 0600 temporary file renamed into place. */
#include "config.h"

#include "berofos/berofos.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

enum fos_err fos_password_file_read(const char *path, char *password, size_t len,
				    char *message, size_t message_len)
{
	char buf[128];
	struct stat st;
	ssize_t got;
	size_t n;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(message, message_len, "credentials file %s: %s", path, strerror(errno));
		return FOS_E_CONFIG;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(message, message_len, "credentials file %s is not a regular file", path);
		close(fd);
		return FOS_E_CONFIG;
	}
	if (st.st_uid != 0 || (st.st_mode & 077) != 0) {
		snprintf(message, message_len,
			 "credentials file %s refused: it must be owned by root with mode 0600 "
			 "(it is uid %u, mode %04o); fix with: chown root: %s && chmod 600 %s",
			 path, (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777), path, path);
		close(fd);
		return FOS_E_CONFIG;
	}
	got = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (got < 0) {
		snprintf(message, message_len, "credentials file %s: %s", path, strerror(errno));
		return FOS_E_CONFIG;
	}
	buf[got] = '\0';
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	if (n == 0 || n > FOS_PASSWORD_MAX || n >= len) {
		explicit_bzero(buf, sizeof(buf));
		snprintf(message, message_len,
			 "credentials file %s: the first line must hold the password (1 to %d characters)",
			 path, FOS_PASSWORD_MAX);
		return FOS_E_CONFIG;
	}
	memcpy(password, buf, n + 1);
	explicit_bzero(buf, sizeof(buf));
	return FOS_OK;
}

enum fos_err fos_password_file_prepare(const char *path, const char *password,
				       char *tmp_path, size_t tmp_len,
				       char *message, size_t message_len)
{
	size_t len = strlen(password);
	int fd;

	if ((size_t)snprintf(tmp_path, tmp_len, "%s.XXXXXX", path) >= tmp_len) {
		snprintf(message, message_len, "credentials file name too long");
		return FOS_E_USAGE;
	}
	fd = mkstemp(tmp_path);            /* mkstemp creates with mode 0600 */
	if (fd < 0) {
		snprintf(message, message_len, "cannot create %s: %s", tmp_path, strerror(errno));
		return FOS_E_SYSTEM;
	}
	if (fchmod(fd, 0600) != 0 || write(fd, password, len) != (ssize_t)len ||
	    write(fd, "\n", 1) != 1 || fsync(fd) != 0) {
		snprintf(message, message_len, "cannot write %s: %s", tmp_path, strerror(errno));
		close(fd);
		unlink(tmp_path);
		return FOS_E_SYSTEM;
	}
	if (close(fd) != 0) {
		snprintf(message, message_len, "cannot write %s: %s", tmp_path, strerror(errno));
		unlink(tmp_path);
		return FOS_E_SYSTEM;
	}
	return FOS_OK;
}

enum fos_err fos_password_generate(char out[FOS_PASSWORD_MAX + 1])
{
	static const char alphabet[] =
		"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	const size_t n = sizeof(alphabet) - 1;
	int filled = 0;

	while (filled < FOS_PASSWORD_MAX) {
		unsigned char byte;

		if (getrandom(&byte, 1, 0) != 1) {
			if (errno == EINTR)
				continue;
			return FOS_E_SYSTEM;
		}
		if (byte >= 256 - 256 % n)
			continue;                  /* no modulo bias */
		out[filled++] = alphabet[byte % n];
	}
	out[filled] = '\0';
	return FOS_OK;
}
