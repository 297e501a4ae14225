/*
 * gridmmo.h: the C ABI of GridMMO's batched environment (libGridMMOC.so, the `GridMMOC` library product).
 *
 * One environment handle steps N worlds x M agents per call into buffers the caller owns, laid out
 * environment-major: agent a of world e is row e * M + a. Per agent and step:
 *   observations  observation_bytes bytes, the record described by gridmmo_env_describe's
 *                 "observation" layout (named segments with NumPy dtypes, shapes and offsets);
 *   masks         mask_width bytes, 1 = legal, the heads' masks back to back ("actions" layout);
 *   rewards       one float;
 *   terminations  one byte, 1 on the tick the agent died;
 *   truncations   one byte, 1 for agents alive when the episode was cut (horizon, early stop);
 *   actions       head_count int32 values, one option index per action head (input).
 * Every length argument is the buffer's exact length in its element (bytes for observations, masks,
 * terminations and truncations; floats for rewards; int32 values for actions); a wrong one is an
 * error and nothing is written. An action naming an illegal or out-of-range option does nothing
 * and is counted (GRIDMMO_STAT_ILLEGAL_ACTIONS). A world whose episode ends is reset inside the
 * step: the observation written for it is the new episode's first, while that step's rewards and
 * flags belong to the episode that ended (the "autoreset" option "next-step" defers the reset to
 * the world's next step instead; see gridmmo_env_create). Dead agents keep their rows: zero reward, only the no-op
 * legal, observation field self.alive == 0.
 *
 * Errors: every function returns GRIDMMO_OK (0) or an error code, and then gridmmo_last_error()
 * describes the problem, naming the argument, option or file. No input crashes the library:
 * unknown or destroyed handles, null pointers, wrong lengths and malformed options, configs, maps,
 * curricula or paths are all reported as errors.
 *
 * Threads: a handle serves one call at a time; a call on a handle that is busy (another thread's
 * call, or a step started with gridmmo_env_send and not yet received) returns GRIDMMO_ERROR_BUSY.
 * Different handles may be used from different threads at once. Results do not depend on the
 * thread count: the same seeds and actions give bit-identical buffers.
 */
#ifndef GRIDMMO_H
#define GRIDMMO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; gridmmo_abi_version() returns the library's. */
#define GRIDMMO_ABI_VERSION 1

/* Return codes. */
#define GRIDMMO_OK 0
#define GRIDMMO_ERROR_HANDLE 1   /* unknown or destroyed handle, or a handle of the other kind */
#define GRIDMMO_ERROR_ARGUMENT 2 /* bad options, config, maps, curriculum, name, index or null pointer */
#define GRIDMMO_ERROR_BUFFER 3   /* a buffer (or text capacity) of the wrong length */
#define GRIDMMO_ERROR_BUSY 4     /* the handle is serving another call or has a step in flight */
#define GRIDMMO_ERROR_IO 5       /* a file could not be read or written */
#define GRIDMMO_ERROR_STATE 6    /* not possible now: recv without send, no curriculum, replay not at tick 0 */

/* Handles: nonzero, never reused within a process. 0 is never a valid handle. */
typedef uint64_t gridmmo_env;
typedef uint64_t gridmmo_policy;

/* The sizes of an environment's buffers (gridmmo_env_shape). */
typedef struct {
    int64_t environments;       /* worlds stepped per call (N) */
    int64_t agents_per_env;     /* agent rows per world (M) */
    int64_t total_agents;       /* N * M: rows of every buffer */
    int64_t observation_bytes;  /* bytes of one agent's observation record */
    int64_t mask_width;         /* bytes of one agent's mask row */
    int64_t head_count;         /* int32 action values per agent */
    int64_t task_count;         /* tasks in the curriculum, 0 without one */
    int64_t task_embedding_dim; /* floats per task embedding */
    int64_t threads;            /* worker threads per call */
    int64_t horizon;            /* ticks per episode at most */
} gridmmo_shape;

/* Counters over the handle's life (gridmmo_env_stats), indices into its int64 array. */
#define GRIDMMO_STAT_AGENT_STEPS 0       /* living agents stepped: the samples a learner receives */
#define GRIDMMO_STAT_EPISODES 1          /* episodes finished */
#define GRIDMMO_STAT_EPISODE_TICKS 2     /* their summed lengths in ticks */
#define GRIDMMO_STAT_ILLEGAL_ACTIONS 3   /* action heads that named an illegal option (did nothing) */
#define GRIDMMO_STAT_TASKS_ASSIGNED 4    /* tasks dealt */
#define GRIDMMO_STAT_TASKS_COMPLETED 5   /* tasks whose progress reached 1 */
#define GRIDMMO_STAT_COUNT 6

/* The library's GRIDMMO_ABI_VERSION. */
int32_t gridmmo_abi_version(void);

/* The message of this thread's last failed call (empty if none); valid until its next failed call. */
const char *gridmmo_last_error(void);

/*
 * Creates an environment from JSON options (NULL or "{}" for all defaults) and stores its handle.
 * Keys (all optional):
 *   "preset": "default" | "small" | "competition2023" | "large"     rules (default "default")
 *   "config": path of a config file, or a config object              overrides "preset"
 *   "immortal": bool, "horizon": int                                 rule overrides
 *   "maps": directory of .npy maps with manifest.json                else maps generated in memory
 *   "generated_maps": int (default 4)                                map i from seed map_seed + i
 *   "map_seed": int (default: "seed")
 *   "curriculum": path of a curriculum file, or a curriculum object  deals tasks, rewards progress
 *   "task_embedding": bool (default true)                            embedding segment in observations
 *   "envs": int (default 8), "seed": int (default 1)                 world i plays seed + i
 *   "threads": int (default: the number of cores)
 *   "death_penalty": number (default -1), "early_stop_population": int (default 0, off)
 *   "autoreset": "same-step" (default) | "next-step"
 *       same-step: a world whose episode ends starts the next one inside that step, and the
 *       observation written is the new episode's first; next-step: that step writes the final
 *       observation, and the world's next step ignores its actions and starts the next episode
 *       (zero rewards and flags).
 * The first observations are written by gridmmo_env_reset or gridmmo_env_observe.
 */
int32_t gridmmo_env_create(const char *options_json, gridmmo_env *out_env);

/* Finishes any replays being recorded, waits for a step in flight, and frees the environment. */
int32_t gridmmo_env_destroy(gridmmo_env env);

/* The environment's buffer sizes. */
int32_t gridmmo_env_shape(gridmmo_env env, gridmmo_shape *out_shape);

/*
 * The environment as JSON: its shape, "autoreset", "observation" (bytes_per_agent and segments:
 * name, dtype, shape, offset, columns), "actions" (mask_width and heads: name, size, mask_offset,
 * nothing, options) and "tasks" (name, predicate, reward_to, weight, tags). Writes at most `capacity` bytes including
 * the terminating NUL and stores the text's length (without the NUL) in *out_length; with a
 * capacity too small (0 and a NULL `text` to ask) it writes nothing but the length and returns
 * GRIDMMO_ERROR_BUFFER.
 */
int32_t gridmmo_env_describe(gridmmo_env env, char *text, size_t capacity, size_t *out_length);

/*
 * Starts every world over as a new environment created with these seeds would (one per world:
 * world i then plays seed seeds[i]), writes every observation and mask, and clears rewards and
 * flags. With seed_count 0 (seeds may be NULL) the worlds keep playing where they are and only the
 * buffers are written.
 */
int32_t gridmmo_env_reset(gridmmo_env env, const uint64_t *seeds, size_t seed_count,
                          void *observations, size_t observations_bytes,
                          uint8_t *masks, size_t masks_bytes,
                          float *rewards, size_t rewards_count,
                          uint8_t *terminations, size_t terminations_count,
                          uint8_t *truncations, size_t truncations_count);

/* Applies one action row per agent, advances every world one tick and writes every buffer. */
int32_t gridmmo_env_step(gridmmo_env env, const int32_t *actions, size_t actions_count,
                         void *observations, size_t observations_bytes,
                         uint8_t *masks, size_t masks_bytes,
                         float *rewards, size_t rewards_count,
                         uint8_t *terminations, size_t terminations_count,
                         uint8_t *truncations, size_t truncations_count);

/*
 * gridmmo_env_step in two halves: send checks the lengths, copies the actions and starts the step
 * on a background thread, returning at once; recv waits for it and returns its result. Until recv
 * returns, the output buffers must not be touched and must stay allocated.
 */
int32_t gridmmo_env_send(gridmmo_env env, const int32_t *actions, size_t actions_count,
                         void *observations, size_t observations_bytes,
                         uint8_t *masks, size_t masks_bytes,
                         float *rewards, size_t rewards_count,
                         uint8_t *terminations, size_t terminations_count,
                         uint8_t *truncations, size_t truncations_count);
int32_t gridmmo_env_recv(gridmmo_env env);

/* Counters (GRIDMMO_STAT_*); `count` must be GRIDMMO_STAT_COUNT. */
int32_t gridmmo_env_stats(gridmmo_env env, int64_t *out, size_t count);

/* Each agent's current task (curriculum index) and its best progress this episode, in 0...1.
 * Both arrays hold total_agents values. GRIDMMO_ERROR_STATE without a curriculum. */
int32_t gridmmo_env_tasks(gridmmo_env env, int32_t *task_ids, float *progress, size_t count);

/* Every curriculum task's embedding, task_count rows of task_embedding_dim floats. */
int32_t gridmmo_env_task_embeddings(gridmmo_env env, float *out, size_t count);

/*
 * Records world `world`'s episode, which must be at tick 0 (right after a reset), into a replay
 * file for `gridmmo view`. Recording stops at the end of that episode; finish completes the file
 * (or reports the first write error) and says how many tick records and bytes it holds and its
 * checksum. Any of the out pointers may be NULL.
 */
int32_t gridmmo_env_replay_start(gridmmo_env env, size_t world, const char *path);
int32_t gridmmo_env_replay_finish(gridmmo_env env, size_t world, int64_t *out_ticks, int64_t *out_bytes,
                                  uint64_t *out_checksum);

/*
 * A curriculum file (tasks and their embeddings) as JSON, without an environment: "tasks" (name,
 * reward_to, weight, tags, text) and "embedding_dim" and "embeddings" (one row per task). Text
 * buffer rules as for gridmmo_env_describe.
 */
int32_t gridmmo_curriculum_describe(const char *path, char *text, size_t capacity, size_t *out_length);

/*
 * A scripted policy for an environment: "random" (uniform legal options), "forager" (seeks food and
 * water when low) or "combat" (the scripted fighter), drawing from streams seeded by `seed`.
 * act fills one action row per agent from the observations and masks the environment wrote.
 */
int32_t gridmmo_policy_create(gridmmo_env env, const char *name, uint64_t seed, gridmmo_policy *out_policy);
int32_t gridmmo_policy_act(gridmmo_policy policy, const void *observations, size_t observations_bytes,
                           const uint8_t *masks, size_t masks_bytes, int32_t *actions, size_t actions_count);
int32_t gridmmo_policy_destroy(gridmmo_policy policy);

#ifdef __cplusplus
}
#endif

#endif /* GRIDMMO_H */
