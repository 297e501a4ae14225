/* Checks gridmmo.h against libGridMMOC.so from C: the shape struct's layout, a reset and steps into
 * caller-owned buffers, and error codes with messages for bad handles, lengths and options.
 * Built and run by `make test` (check-c-abi). Exits nonzero with a message on the first failure. */
#include "gridmmo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define EXPECT(condition, ...)                                  \
    do {                                                        \
        if (!(condition)) {                                     \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                       \
            fprintf(stderr, "\n");                              \
            failures++;                                         \
        }                                                       \
    } while (0)

int main(void) {
    EXPECT(gridmmo_abi_version() == GRIDMMO_ABI_VERSION, "ABI version %d", gridmmo_abi_version());

    gridmmo_env env = 0;
    int32_t status = gridmmo_env_create("{\"preset\": \"small\", \"envs\": 3, \"seed\": 4, \"generated_maps\": 1}", &env);
    EXPECT(status == GRIDMMO_OK && env != 0, "create: %d %s", status, gridmmo_last_error());

    gridmmo_shape shape;
    memset(&shape, 0xff, sizeof shape);
    status = gridmmo_env_shape(env, &shape);
    EXPECT(status == GRIDMMO_OK, "shape: %s", gridmmo_last_error());
    EXPECT(shape.environments == 3 && shape.agents_per_env == 64 && shape.total_agents == 192, "shape counts %lld %lld %lld",
           (long long)shape.environments, (long long)shape.agents_per_env, (long long)shape.total_agents);
    EXPECT(shape.observation_bytes > 0 && shape.observation_bytes % 8 == 0 && shape.mask_width > shape.head_count && shape.head_count > 0,
           "record sizes %lld %lld %lld", (long long)shape.observation_bytes, (long long)shape.mask_width, (long long)shape.head_count);
    EXPECT(shape.task_count == 0 && shape.task_embedding_dim == 256 && shape.threads >= 1 && shape.horizon == 128, "shape tail");

    size_t agents = (size_t)shape.total_agents;
    unsigned char *observations = calloc(agents, (size_t)shape.observation_bytes);
    uint8_t *masks = calloc(agents, (size_t)shape.mask_width);
    float *rewards = calloc(agents, sizeof(float));
    uint8_t *terminations = calloc(agents, 1), *truncations = calloc(agents, 1);
    int32_t *actions = calloc(agents * (size_t)shape.head_count, sizeof(int32_t));
    size_t observation_bytes = agents * (size_t)shape.observation_bytes, mask_bytes = agents * (size_t)shape.mask_width;
    size_t action_count = agents * (size_t)shape.head_count;

    uint64_t seeds[3] = {4, 5, 6};
    status = gridmmo_env_reset(env, seeds, 3, observations, observation_bytes, masks, mask_bytes, rewards, agents, terminations, agents,
                               truncations, agents);
    EXPECT(status == GRIDMMO_OK, "reset: %s", gridmmo_last_error());
    for (int tick = 1; tick <= 5; tick++) {
        status = gridmmo_env_step(env, actions, action_count, observations, observation_bytes, masks, mask_bytes, rewards, agents,
                                  terminations, agents, truncations, agents);
        EXPECT(status == GRIDMMO_OK, "step: %s", gridmmo_last_error());
        int32_t observed_tick;
        memcpy(&observed_tick, observations + (agents - 1) * (size_t)shape.observation_bytes, sizeof observed_tick);
        EXPECT(observed_tick == tick, "the last agent's tick segment reads %d after step %d", observed_tick, tick);
    }
    int64_t stats[GRIDMMO_STAT_COUNT];
    EXPECT(gridmmo_env_stats(env, stats, GRIDMMO_STAT_COUNT) == GRIDMMO_OK && stats[GRIDMMO_STAT_AGENT_STEPS] == 5 * 192,
           "agent steps %lld", (long long)stats[GRIDMMO_STAT_AGENT_STEPS]);

    /* Errors: a wrong length, a bad handle, bad options, a text buffer too small. */
    status = gridmmo_env_step(env, actions, action_count, observations, observation_bytes - 1, masks, mask_bytes, rewards, agents,
                              terminations, agents, truncations, agents);
    EXPECT(status == GRIDMMO_ERROR_BUFFER && strstr(gridmmo_last_error(), "observations buffer holds") != NULL, "short buffer: %d %s",
           status, gridmmo_last_error());
    EXPECT(gridmmo_env_shape(env + 1000, &shape) == GRIDMMO_ERROR_HANDLE && strstr(gridmmo_last_error(), "does not exist") != NULL,
           "bad handle: %s", gridmmo_last_error());
    gridmmo_env other = 0;
    EXPECT(gridmmo_env_create("{\"envs\": -1}", &other) == GRIDMMO_ERROR_ARGUMENT && other == 0 &&
               strstr(gridmmo_last_error(), "'envs'") != NULL, "bad options: %s", gridmmo_last_error());
    size_t length = 0;
    EXPECT(gridmmo_env_describe(env, NULL, 0, &length) == GRIDMMO_ERROR_BUFFER && length > 100, "describe length %zu", length);
    char *text = malloc(length + 1);
    EXPECT(gridmmo_env_describe(env, text, length + 1, &length) == GRIDMMO_OK && strlen(text) == length &&
               strstr(text, "\"bytes_per_agent\"") != NULL, "describe text");
    free(text);

    EXPECT(gridmmo_env_destroy(env) == GRIDMMO_OK, "destroy: %s", gridmmo_last_error());
    EXPECT(gridmmo_env_destroy(env) == GRIDMMO_ERROR_HANDLE, "destroying twice should fail");
    free(observations);
    free(masks);
    free(rewards);
    free(terminations);
    free(truncations);
    free(actions);
    if (failures == 0) printf("C ABI smoke test passed (%lld-byte records, %lld mask bytes, %lld heads)\n",
                              (long long)shape.observation_bytes, (long long)shape.mask_width, (long long)shape.head_count);
    return failures == 0 ? 0 : 1;
}
