"""How long a cron job may go on before it stops and leaves the rest to its next run.

Pure Python (no Odoo). Odoo's cron worker limits the CPU time of each of its passes over the
ready jobs (``limit_time_cpu``, as a soft ``RLIMIT_CPU`` set before the pass: a job that
crosses it is killed, its transaction lost) and their real time (``limit_time_real_cron``,
else ``limit_time_real``). A long job measures both from where it starts, takes a share of
what is left, and stops there with its work committed.
"""
import resource
import time


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Deadline:
    """Callable: true once the job has used ``share`` of the CPU time the process has left
    (by its soft ``RLIMIT_CPU``, or ``limit_time_cpu`` where none is set) or of the real time
    ``limit_time_real`` allows a cron job. A limit of 0 or less is no limit."""

    def __init__(self, limit_time_cpu, limit_time_real, share=0.5):
        cpu = _cpu()
        soft, __ = resource.getrlimit(resource.RLIMIT_CPU)
        left = soft - cpu if soft != resource.RLIM_INFINITY else limit_time_cpu
        self.cpu_until = cpu + max(left, 0) * share if left or soft != resource.RLIM_INFINITY \
            else None
        self.real_until = time.monotonic() + limit_time_real * share \
            if limit_time_real and limit_time_real > 0 else None

    def __call__(self):
        return (self.cpu_until is not None and _cpu() >= self.cpu_until) or \
            (self.real_until is not None and time.monotonic() >= self.real_until)


def cron_real_limit(limit_time_real_cron, limit_time_real):
    """Odoo's real time limit of a cron job: ``limit_time_real_cron``, -1 meaning
    ``limit_time_real``, 0 none."""
    return limit_time_real if limit_time_real_cron == -1 else limit_time_real_cron
