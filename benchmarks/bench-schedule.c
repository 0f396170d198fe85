/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the recurrence engine takes to find a meeting's next start
 * (convene_schedule_next_start(), what the clock asks of every meeting on
 * each state change), for the rules communities use.
 *
 *   bench-schedule [--reps N]
 *
 * Prints, per rule, the median over 5 rounds of N calls, in microseconds
 * per call, from a time that moves a day each call so that no two calls
 * look from the same place: "kept" as the clock asks (the meeting keeps
 * its next occurrences until its schedule changes), "cold" with the
 * schedule touched before each call, so that libical expands the rule
 * every time.
 */
#define G_LOG_DOMAIN "convene-bench-schedule"

#include "config.h"

#include <stdlib.h>

#include "convene-meeting.h"
#include "convene-schedule.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  const char *texts[] = {
    "Wednesdays at 10:00 PT, weekly",
    "Thursdays at 11:00 PT - Biweekly starting Thursday June 25th, 2020",
    "2nd and 4th Wednesdays at 8:00 PT",
    "last Tuesday of the month at 16:00 CET",
  };
  guint reps = 20000;

  if (argc == 3 && g_strcmp0 (argv[1], "--reps") == 0)
    reps = (guint)atoi (argv[2]);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (texts[t]);
      double rounds[2][5];

      if (!convene_schedule_parse (texts[t], meeting))
        g_error ("“%s” is not understood", texts[t]);

      for (guint cold = 0; cold < 2; cold++)
        {
          for (guint r = 0; r < G_N_ELEMENTS (rounds[cold]); r++)
            {
              g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);
              int end = convene_meeting_get_end_minute (meeting);
              gint64 start = g_get_monotonic_time ();

              for (guint i = 0; i < reps; i++)
                {
                  g_autoptr(GDateTime) at = g_date_time_add_days (from, (int)(i % 3650));
                  g_autoptr(GDateTime) next = NULL;

                  if (cold)
                    convene_meeting_set_end_minute (meeting, end);
                  next = convene_schedule_next_start (meeting, at);
                  if (next == NULL)
                    g_error ("no next start for “%s”", texts[t]);
                }
              rounds[cold][r] = (double)(g_get_monotonic_time () - start) / reps;
            }
          qsort (rounds[cold], G_N_ELEMENTS (rounds[cold]), sizeof rounds[cold][0],
                 (int (*) (const void *, const void *))compare_doubles);
        }
      g_print ("%-68s kept %6.2f µs, cold %6.2f µs per next start\n",
               texts[t], rounds[0][2], rounds[1][2]);
    }

  return 0;
}
