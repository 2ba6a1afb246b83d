#include "registry/lessons.hpp"

#include <algorithm>
#include <array>

#include "registry/lesson_verdicts.hpp"

namespace concur {
namespace {

constexpr std::array<Lesson, 12> kLessons{{
    {.name = "concurrency-not-parallelism",
     .title = "concurrency is not parallelism",
     .text = R"(Concurrency means that several tasks are under way at the same time; parallelism means that
several are being executed at the same instant. One thread can be concurrent without being
parallel: a task that waits needs no CPU, so an event loop can start the next one meanwhile. The
async row keeps a hundred waits in flight with one thread in one process and finishes in about
one delay, as fast as the rows that pay for a thread or a process per task.)",
     .shows = R"(the threads and procs columns (async: 1 and 1), and async's timeline: a single lane, thread 1,
with all hundred tasks in flight)",
     .command = "concur-demo sleep --tasks 100 --model async,thread,fork --timeline",
     .check = "concur-demo sleep --tasks 100 --model async,thread,fork --repeat 1 --warmup 0",
     .judge = judge_concurrency_not_parallelism},
    {.name = "waiting-overlaps",
     .title = "waiting work gains from threads and from async",
     .text = R"(When tasks mostly wait (for a timer, a server, a disk), the time is spent doing nothing, and
nothing stops the waits from overlapping. Threads, processes, coroutines and fibers all let one
task wait while the others start theirs, so N waits take about one delay instead of N. The
number of cores does not matter here: waiting needs none.)",
     .shows = R"(the speedup column of the sleep table: about the number of tasks for thread, async and fiber)",
     .command = "concur-demo sleep --model sequential,thread,async,fiber",
     .check = "concur-demo sleep --tasks 10 --delay 50ms --model sequential,thread,async,fiber --repeat 1 --warmup 0",
     .judge = judge_waiting_overlaps},
    {.name = "computing-needs-cores",
     .title = "computing gains only from parallel cores",
     .text = R"(A task that computes has no idle time for another task to fill, so overlapping does not help:
only running on several cores at the same instant does. Threads, a pool, processes and fibers
over several threads approach one speedup per core; the single-threaded event loop runs the
computations one after another and gains nothing, however many tasks it has in flight.)",
     .shows = R"(the speedup column (about the core count for thread and pool, 1× for async), and the timelines:
a staircase for async, lanes computing side by side for thread)",
     .command = "concur-demo cpu --model sequential,thread,pool,async --timeline",
     .check = "concur-demo factorial --factorial 30000 --tasks 4 --model sequential,thread,pool,async --repeat 5",
     .judge = judge_computing_needs_cores,
     .min_cores = 2},
    {.name = "processes-cost-more",
     .title = "processes cost more than threads",
     .text = R"(A process is a whole address space: making one copies page tables, and tearing it down frees
them again. A thread shares its process's memory and costs a stack and a kernel object. With
many short tasks the difference is the whole story: the work is the same, the price of running
it is not.)",
     .shows = R"(wall and cpu of fork against thread on the same thousand short waits, and async beside both)",
     .command = "concur-demo sleep --tasks 1000 --delay 10ms --model thread,fork,async",
     .check = "concur-demo sleep --tasks 300 --delay 10ms --model thread,fork,async --repeat 1 --warmup 0",
     .judge = judge_processes_cost_more},
    {.name = "moving-data-costs",
     .title = "moving data between processes costs time",
     .text = R"(Threads share memory: a result computed by one is simply there for the others. A child process's
memory is its own, so whatever it produces must be copied out, through a pipe here, and read
back by the parent. The bigger the result, the more the copy costs.)",
     .shows = R"(the note under the fork row: how many bytes of factorials came back through pipes, and how long
after the last computation the last byte arrived)",
     .command = "concur-demo factorial --factorial 100000 --tasks 4 --model thread,fork",
     .check = "concur-demo factorial --factorial 50000 --tasks 2 --model thread,fork --repeat 1 --warmup 0",
     .judge = judge_moving_data_costs},
    {.name = "pool-caps-concurrency",
     .title = "a pool caps concurrency at its workers",
     .text = R"(A pool runs at most as many tasks at once as it has workers; the rest wait in its queue. That is
what makes a pool cheap and safe for computing, and what makes it slow for waiting: with two
workers, twenty waits come in ten rounds.)",
     .shows = R"(pool's in flight column (2) and its timeline: two threads taking the tasks in turns)",
     .command = "concur-demo sleep --model pool,async --workers 2 --timeline",
     .check = "concur-demo sleep --tasks 10 --delay 50ms --workers 2 --model pool,async --repeat 1 --warmup 0",
     .judge = judge_pool_caps_concurrency},
    {.name = "blocking-stalls-the-loop",
     .title = "a blocking call inside a coroutine stalls the loop",
     .text = R"(A coroutine gives its thread back only where it awaits. Call a blocking function inside it (a
plain sleep, a plain read) and the thread stays blocked in that call: the event loop cannot
resume anything else, and the program that looked asynchronous runs its tasks one by one.)",
     .shows = R"(async-blocking: in flight 1 and a speedup of about 1×, against async's overlap)",
     .command = "concur-demo sleep --model async --blocking --timeline",
     .check = "concur-demo sleep --tasks 10 --delay 50ms --model async --blocking --repeat 1 --warmup 0",
     .judge = judge_blocking_stalls_the_loop},
    {.name = "offload-computing",
     .title = "an event loop computes in parallel only by handing the work off",
     .text = R"(Computing inside a coroutine holds the loop just like a blocking call does. The cure is to send
each computation to a pool of threads and await its result (Python's run_in_executor): the loop
stays free to start the next task while pool threads compute on every core.)",
     .shows = R"(async-offload's speedup (about the core count) against async's 1×, and its timeline: tasks start
on thread 1 and finish on the pool's threads)",
     .command = "concur-demo cpu --model async --offload --timeline",
     .check = "concur-demo factorial --factorial 20000 --tasks 4 --model async --offload --repeat 3",
     .judge = judge_offload_computing,
     .min_cores = 2},
    {.name = "coroutines-pause-and-resume",
     .title = "coroutines pause and resume",
     .text = R"(At each await a coroutine pauses and its thread moves on to another; when what it waited for is
ready, it resumes where it stopped. Three tasks that each print One, wait and print Two
therefore print One One One Two Two Two in one delay under async, where a plain loop prints One
Two One Two One Two in three.)",
     .shows = R"(the order of the words, printed live by the tasks themselves, and each model's time)",
     .command = "concur-demo count",
     .check = "concur-demo count --delay 200ms --model sequential,async",
     .judge = judge_coroutines_pause_and_resume},
    {.name = "python-gil",
     .title = "Python threads do not speed up computing (the GIL)",
     .text = R"(CPython lets only the thread that holds its global interpreter lock run Python code. Threads
still overlap waits, since a waiting thread lets go of the lock, but computing threads take
turns: on factorials, Python threads are no faster than a loop. Separate processes each have an
interpreter and a lock of their own, and get the cores back.)",
     .shows = R"(py-thread's speedup (about 1×, against py-sequential) beside C++ thread's and py-process's)",
     .command = "concur-demo cpu --model thread,py-thread,py-process",
     .check = "concur-demo factorial --factorial 20000 --tasks 4 --model thread,py-thread,py-process --repeat 3",
     .judge = judge_python_gil,
     .min_cores = 2,
     .needs_model = "py-thread"},
    {.name = "c10k",
     .title = "ten thousand connections: a thread each, or a coroutine frame each",
     .text = R"(A program that talks to many servers at once spends nearly all its time waiting on the network.
Give every connection an OS thread and every waiting connection costs a stack, a kernel task and
the scheduler's attention; ten thousand of them (C10k) is where servers of the late 1990s gave
up. An event loop holds the same ten thousand waits as coroutine frames, a few hundred bytes to a
few KiB each, on one thread; fibers sit between the two, a small stack each. What differs is
the price of each waiting connection, and so how many a machine can hold.)",
     .shows = R"(the memory per connection line under the table (thread against async and fiber), the threads
column (one per connection against one), and the wall time in latencies)",
     .command = "concur-demo net --tasks 10000 --model thread,async,fiber",
     .check = "concur-demo net --tasks 1000 --model thread,async,fiber --repeat 1",
     .judge = judge_c10k},
    {.name = "distribution-costs",
     .title = "distribution pays only when the work outweighs the launch",
     .text = R"(Spreading tasks over processes that a launcher starts, on this machine or on others, costs
before the first task runs: mpirun starts, every rank boots the MPI runtime and finds the
others. That launch is a fixed price, a fraction of a second here and seconds across a
cluster. Once it is paid the ranks compute side by side like forked processes, each running its
share of the tasks one after another, and their results travel back as messages. So
distribution gains only when every rank has enough work to cover the launch.)",
     .shows = R"(mpi's speedup beside fork's, and the note under the mpi row: the launch against the work, and
the bytes of results gathered to rank 0)",
     .command = "concur-demo factorial --factorial 20000 --tasks 4 --model sequential,fork,mpi --ranks 2",
     .check = "concur-demo factorial --factorial 20000 --tasks 4 --model sequential,fork,mpi --ranks 2 --repeat 5",
     .judge = judge_distribution_costs,
     .min_cores = 2,
     .needs_model = "mpi"},
}};

}  // namespace

std::span<const Lesson> lessons() { return kLessons; }

const Lesson* find_lesson(std::string_view name) {
  const auto it = std::find_if(kLessons.begin(), kLessons.end(), [&](const Lesson& l) { return l.name == name; });
  return it == kLessons.end() ? nullptr : &*it;
}

}  // namespace concur
