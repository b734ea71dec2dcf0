/*
 * test-fs-event.c — fs event handles (test/, layer under test:
 * platform/linux/inotify.c). Contract: loop/lode.h, "File system events":
 * change and rename events for files and directories with the entry's
 * name, handles sharing one kernel watch, stop and close from the
 * callback, a watched file deleted, errors from start.
 *
 * Every test changes the file system with plain POSIX calls and then runs
 * the loop until the event it expects has arrived.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../task.h"

static void pjoin(char* out, const char* dir, const char* name) {
  ASSERT_LT(snprintf(out, PATH_MAX, "%s/%s", dir, name), PATH_MAX);
}

static void write_file(const char* path, const char* text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, text, strlen(text)), (int64_t) strlen(text));
  ASSERT_OK(close(fd));
}

/* What a callback saw, per handle (handle->data points at one). */
typedef struct {
  int calls;
  int changes;     /* calls with LODE_CHANGE */
  int renames;     /* calls with LODE_RENAME */
  int status;
  char last[256];  /* the last filename ("(null)" for NULL) */
  const char* want; /* count only events for this filename (NULL: all) */
  int seen_want;
  int close_on;     /* close the handle on this call number (0: never) */
  int stop_on;      /* stop it on this call number (0: never) */
} seen_t;

static int close_cb_calls;

static void close_cb(lode_handle_t* h) {
  (void) h;
  close_cb_calls++;
}

static void event_cb(lode_fs_event_t* h, const char* filename, int events,
                     int status) {
  seen_t* s = h->data;
  ASSERT(!lode_is_closing((lode_handle_t*) h));
  ASSERT(lode_is_active((lode_handle_t*) h));
  ASSERT(events != 0);
  ASSERT_EQ(events & ~(LODE_RENAME | LODE_CHANGE), 0);
  s->calls++;
  s->status = status;
  if (events & LODE_CHANGE) s->changes++;
  if (events & LODE_RENAME) s->renames++;
  snprintf(s->last, sizeof(s->last), "%s", filename ? filename : "(null)");
  if (s->want != NULL && filename != NULL && strcmp(filename, s->want) == 0)
    s->seen_want++;
  if (s->stop_on == s->calls) {
    ASSERT_OK(lode_fs_event_stop(h));
    ASSERT(!lode_is_active((lode_handle_t*) h));
  }
  if (s->close_on == s->calls) lode_close((lode_handle_t*) h, close_cb);
}

/* ---- a file ---- */

TEST_IMPL(fs_event_file_change) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;
  char file[PATH_MAX];

  memset(&s, 0, sizeof(s));
  close_cb_calls = 0;
  pjoin(file, test_tmpdir(), "watched.txt");
  write_file(file, "one\n");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  ASSERT(!lode_is_active((lode_handle_t*) &ev));
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, file, 0));
  ASSERT(lode_is_active((lode_handle_t*) &ev));
  ASSERT_STR_EQ(ev.path, file);

  write_file(file, "two\n");
  RUN_LOOP_UNTIL(&loop, s.changes > 0);
  ASSERT_EQ(s.status, 0);
  /* For the watched path itself the name is its last component. */
  ASSERT_STR_EQ(s.last, "watched.txt");
  ASSERT_EQ(s.renames, 0);

  lode_close((lode_handle_t*) &ev, close_cb);
  ASSERT(!lode_is_active((lode_handle_t*) &ev));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(close_cb_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(fs_event_file_rename) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;
  char file[PATH_MAX], moved[PATH_MAX];

  memset(&s, 0, sizeof(s));
  pjoin(file, test_tmpdir(), "before.txt");
  pjoin(moved, test_tmpdir(), "after.txt");
  write_file(file, "x");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, file, 0));
  ASSERT_OK(rename(file, moved));
  RUN_LOOP_UNTIL(&loop, s.renames > 0);
  /* IN_MOVE_SELF carries no name: the watched path's last component. */
  ASSERT_STR_EQ(s.last, "before.txt");
  ASSERT_EQ(s.changes, 0);
  ASSERT_OK(lode_fs_event_stop(&ev));
  ASSERT_OK(lode_fs_event_stop(&ev)); /* idempotent */
  ASSERT_NULL(ev.path);
  /* Nothing keeps the loop alive once stopped. */
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- a directory ---- */

TEST_IMPL(fs_event_dir_entries) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;
  char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];

  memset(&s, 0, sizeof(s));
  pjoin(dir, test_tmpdir(), "dir");
  pjoin(a, dir, "a.txt");
  pjoin(b, dir, "b.txt");
  ASSERT_OK(mkdir(dir, 0755));

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, dir, 0));

  /* Creating an entry is a rename, named relative to the directory. */
  s.want = "a.txt";
  write_file(a, "");
  RUN_LOOP_UNTIL(&loop, s.renames > 0 && s.seen_want > 0);
  ASSERT_STR_EQ(s.last, "a.txt");

  /* Writing to it is a change with its name. */
  memset(&s, 0, sizeof(s));
  write_file(a, "more");
  RUN_LOOP_UNTIL(&loop, s.changes > 0);
  ASSERT_STR_EQ(s.last, "a.txt");

  /* Renaming inside the directory: both names are reported. */
  memset(&s, 0, sizeof(s));
  s.want = "b.txt";
  ASSERT_OK(rename(a, b));
  RUN_LOOP_UNTIL(&loop, s.seen_want > 0);
  ASSERT_GE(s.renames, 2);
  ASSERT_EQ(s.changes, 0);

  /* Removing it is a rename too. */
  memset(&s, 0, sizeof(s));
  s.want = "b.txt";
  ASSERT_OK(unlink(b));
  RUN_LOOP_UNTIL(&loop, s.seen_want > 0);
  ASSERT_GE(s.renames, 1);

  /* A subdirectory appearing. */
  memset(&s, 0, sizeof(s));
  s.want = "sub";
  pjoin(a, dir, "sub");
  ASSERT_OK(mkdir(a, 0755));
  RUN_LOOP_UNTIL(&loop, s.seen_want > 0);
  ASSERT_EQ(s.changes, 0);

  lode_close((lode_handle_t*) &ev, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- two handles on one path ---- */

TEST_IMPL(fs_event_two_handles) {
  lode_loop_t loop;
  lode_fs_event_t ev1, ev2;
  seen_t s1, s2;
  char file[PATH_MAX], buf[PATH_MAX];
  size_t size;

  memset(&s1, 0, sizeof(s1));
  memset(&s2, 0, sizeof(s2));
  pjoin(file, test_tmpdir(), "shared.txt");
  write_file(file, "");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev1));
  ASSERT_OK(lode_fs_event_init(&loop, &ev2));
  ev1.data = &s1;
  ev2.data = &s2;
  ASSERT_OK(lode_fs_event_start(&ev1, event_cb, file, 0));
  ASSERT_OK(lode_fs_event_start(&ev2, event_cb, file, 0));
  /* Started already. */
  ASSERT_ERR(lode_fs_event_start(&ev1, event_cb, file, 0), LODE_EINVAL);
  ASSERT_ERR(lode_fs_event_start(&ev1, event_cb, file, 0x100), LODE_EINVAL);

  size = sizeof(buf);
  ASSERT_OK(lode_fs_event_getpath(&ev2, buf, &size));
  ASSERT_STR_EQ(buf, file);
  ASSERT_EQ(size, strlen(file));
  size = 4;
  ASSERT_ERR(lode_fs_event_getpath(&ev2, buf, &size), LODE_ENOBUFS);
  ASSERT_EQ(size, strlen(file) + 1);

  /* Both see the event; the first stops itself while being called. */
  s1.stop_on = 1;
  write_file(file, "1");
  RUN_LOOP_UNTIL(&loop, s1.changes > 0 && s2.changes > 0);
  ASSERT_EQ(s1.calls, 1);
  ASSERT(!lode_is_active((lode_handle_t*) &ev1));
  size = sizeof(buf);
  ASSERT_ERR(lode_fs_event_getpath(&ev1, buf, &size), LODE_EINVAL);

  /* The second still watches the shared kernel watch. */
  s2.calls = 0;
  s2.changes = 0;
  write_file(file, "2");
  RUN_LOOP_UNTIL(&loop, s2.changes > 0);
  ASSERT_EQ(s1.calls, 1);

  /* Started again, the first joins the same watch. */
  s1.stop_on = 0;
  s1.calls = s1.changes = 0;
  s2.calls = s2.changes = 0;
  ASSERT_OK(lode_fs_event_start(&ev1, event_cb, file, 0));
  write_file(file, "3");
  RUN_LOOP_UNTIL(&loop, s1.changes > 0 && s2.changes > 0);

  /* The second closes itself from its callback; the first goes on. */
  s2.close_on = s2.calls + 1;
  close_cb_calls = 0;
  s1.calls = s1.changes = 0;
  write_file(file, "4");
  RUN_LOOP_UNTIL(&loop, close_cb_calls == 1 && s1.changes > 0);
  s1.calls = s1.changes = 0;
  write_file(file, "5");
  RUN_LOOP_UNTIL(&loop, s1.changes > 0);
  ASSERT_EQ(close_cb_calls, 1);

  lode_close((lode_handle_t*) &ev1, close_cb);
  ASSERT_LOOP_CLOSED(&loop);
  ASSERT_EQ(close_cb_calls, 2);
  return 0;
}

/* ---- stop and close from inside the callback ---- */

/* Several events queued before the loop runs: closing on the first call
 * means no further call, even for events already read in the same batch. */
TEST_IMPL(fs_event_close_in_callback) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;
  char dir[PATH_MAX], f[PATH_MAX];
  int i;

  memset(&s, 0, sizeof(s));
  close_cb_calls = 0;
  pjoin(dir, test_tmpdir(), "busy");
  ASSERT_OK(mkdir(dir, 0755));

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  s.close_on = 1;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, dir, 0));
  for (i = 0; i < 5; i++) {
    char name[32];
    snprintf(name, sizeof(name), "f%d", i);
    pjoin(f, dir, name);
    write_file(f, "data");
  }
  /* The handle was the loop's only one: the loop ends after its close. */
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(s.calls, 1);
  ASSERT_EQ(close_cb_calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

TEST_IMPL(fs_event_stop_in_callback) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;
  char file[PATH_MAX];

  memset(&s, 0, sizeof(s));
  pjoin(file, test_tmpdir(), "stop.txt");
  write_file(file, "");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  s.stop_on = 1;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, file, 0));
  write_file(file, "a");
  write_file(file, "b");
  ASSERT_OK(chmod(file, 0600));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(s.calls, 1);
  ASSERT(!lode_is_active((lode_handle_t*) &ev));

  /* Started again from outside, it works as new. */
  memset(&s, 0, sizeof(s));
  s.close_on = 1;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, file, 0));
  write_file(file, "c");
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(s.calls, 1);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- the watched file deleted ---- */

TEST_IMPL(fs_event_deleted_file) {
  lode_loop_t loop;
  lode_fs_event_t ev, ev2;
  seen_t s, s2;
  char file[PATH_MAX];

  memset(&s, 0, sizeof(s));
  memset(&s2, 0, sizeof(s2));
  pjoin(file, test_tmpdir(), "doomed.txt");
  write_file(file, "");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, file, 0));
  ASSERT_OK(unlink(file));
  /* IN_ATTRIB (link count), IN_DELETE_SELF, then the kernel ends the watch
   * (IN_IGNORED): at least one rename, named after the file. */
  RUN_LOOP_UNTIL(&loop, s.renames >= 2);
  ASSERT_STR_EQ(s.last, "doomed.txt");
  /* The handle stays started (nothing more will come) until stopped. */
  ASSERT(lode_is_active((lode_handle_t*) &ev));

  /* A new file at the same path is a new inode: a new watch works while
   * the old handle still holds the dead one. */
  write_file(file, "");
  ASSERT_OK(lode_fs_event_init(&loop, &ev2));
  ev2.data = &s2;
  ASSERT_OK(lode_fs_event_start(&ev2, event_cb, file, 0));
  s.calls = 0;
  write_file(file, "new");
  RUN_LOOP_UNTIL(&loop, s2.changes > 0);
  ASSERT_EQ(s.calls, 0);

  ASSERT_OK(lode_fs_event_stop(&ev));
  lode_close((lode_handle_t*) &ev, NULL);
  lode_close((lode_handle_t*) &ev2, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- errors ---- */

TEST_IMPL(fs_event_enoent) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  char path[PATH_MAX], file[PATH_MAX], sub[PATH_MAX];
  size_t size = sizeof(path);

  pjoin(path, test_tmpdir(), "does-not-exist");
  pjoin(file, test_tmpdir(), "plain");
  pjoin(sub, file, "below");
  write_file(file, "");

  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ASSERT_ERR(lode_fs_event_start(&ev, event_cb, path, 0), LODE_ENOENT);
  ASSERT(!lode_is_active((lode_handle_t*) &ev));
  ASSERT_NULL(ev.path);
  ASSERT_ERR(lode_fs_event_getpath(&ev, path, &size), LODE_EINVAL);
  ASSERT_ERR(lode_fs_event_start(&ev, event_cb, sub, 0), LODE_ENOTDIR);
  ASSERT_ERR(lode_fs_event_start(&ev, NULL, file, 0), LODE_EINVAL);
  ASSERT_ERR(lode_fs_event_start(&ev, event_cb, test_tmpdir(),
                                 LODE_FS_EVENT_RECURSIVE),
             LODE_ENOSYS);
  /* A failed start leaves nothing running: the loop ends at once. */
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(lode_handle_size(LODE_FS_EVENT), sizeof(lode_fs_event_t));
  ASSERT_STR_EQ(lode_handle_type_name(LODE_FS_EVENT), "fs_event");
  lode_close((lode_handle_t*) &ev, NULL);
  ASSERT_ERR(lode_fs_event_start(&ev, event_cb, file, 0), LODE_EINVAL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}

/* ---- ref/unref ---- */

TEST_IMPL(fs_event_unref) {
  lode_loop_t loop;
  lode_fs_event_t ev;
  seen_t s;

  memset(&s, 0, sizeof(s));
  ASSERT_OK(lode_loop_init(&loop));
  ASSERT_OK(lode_fs_event_init(&loop, &ev));
  ev.data = &s;
  ASSERT_OK(lode_fs_event_start(&ev, event_cb, test_tmpdir(), 0));
  ASSERT(lode_loop_alive(&loop));
  lode_unref((lode_handle_t*) &ev);
  ASSERT(!lode_loop_alive(&loop));
  ASSERT_OK(lode_run(&loop, LODE_RUN_DEFAULT));
  ASSERT_EQ(s.calls, 0);
  lode_close((lode_handle_t*) &ev, NULL);
  ASSERT_LOOP_CLOSED(&loop);
  return 0;
}
