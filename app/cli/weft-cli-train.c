/* weft-cli-train.c — weft-cli train: one training step of a job on a fabric, broken down into
 * compute and each parallelism's traffic. */
#include "cli/weft-cli.h"

#include "collectives/weft-training.h"
#include "io/weft-json-writer.h"

typedef struct
{
  char    *model;
  char    *catalog;
  gint     tp, pp, dp, ep;
  gint     batch, micro_batch;
  double   mfu, overlap, tflops;
  gboolean recompute, sharded, json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->model);
  g_free (options->catalog);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
parse_options (Options  *options,
               int      *argc,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &options->model,
      "gpt3-175b, llama3-70b (default), llama3-405b or mixtral-8x7b", "MODEL" },
    { "tp", 0, 0, G_OPTION_ARG_INT, &options->tp,
      "Tensor-parallel GPUs (default: a scale-up domain, 8 at most)", "N" },
    { "pp", 0, 0, G_OPTION_ARG_INT, &options->pp, "Pipeline stages (default 4 where they divide)",
      "N" },
    { "dp", 0, 0, G_OPTION_ARG_INT, &options->dp, "Data-parallel ranks (default: the GPUs left)",
      "N" },
    { "ep", 0, 0, G_OPTION_ARG_INT, &options->ep, "Expert-parallel ranks within DP (MoE models)",
      "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &options->batch, "Global batch, in sequences", "N" },
    { "micro-batch", 0, 0, G_OPTION_ARG_INT, &options->micro_batch, "Sequences per micro-batch",
      "N" },
    { "mfu", 0, 0, G_OPTION_ARG_DOUBLE, &options->mfu, "Model-FLOPs efficiency (default 0.40)",
      "F" },
    { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &options->overlap,
      "Share of data-parallel traffic hidden behind the backward pass (default 0.8)", "F" },
    { "tflops", 0, 0, G_OPTION_ARG_DOUBLE, &options->tflops,
      "Peak dense BF16 TFLOP/s per GPU (default: the fabric's accelerator's)", "T" },
    { "recompute", 0, 0, G_OPTION_ARG_NONE, &options->recompute, "Full activation recompute",
      NULL },
    { "sharded", 0, 0, G_OPTION_ARG_NONE, &options->sharded,
      "Data parallel by reduce-scatter and all-gather", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, "Print JSON", NULL },
    weft_cli_catalog_option (&options->catalog),
    { NULL }
  };

  context = g_option_context_new ("FABRIC — one training step: compute, TP, PP, DP and EP traffic");
  g_option_context_add_main_entries (context, entries, NULL);
  return weft_cli_parse (context, argc, argv);
}

/* The default job for the fabric, with what the options change. */
static gboolean
build_job (WeftFabric    *fabric,
           const Options *options,
           WeftJob       *job,
           GError       **error)
{
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);

  if (!weft_job_default (fabric, job, error))
    return FALSE;
  if (options->model != NULL && !weft_model_preset (options->model, &job->model, error))
    return FALSE;
  if (options->tp < 0 || options->pp < 0 || options->dp < 0 || options->ep < 0 ||
      options->batch < 0 || options->micro_batch < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--tp, --pp, --dp, --ep, --batch and --micro-batch take positive numbers");
      return FALSE;
    }
  if (options->tp > 0)
    job->tp = options->tp;
  if (options->pp > 0)
    job->pp = options->pp;
  if (options->tp > 0 || options->pp > 0)
    job->dp = MAX (1, n / MAX (1, job->tp * job->pp));
  if (options->dp > 0)
    job->dp = options->dp;
  if (options->ep > 0)
    job->ep = options->ep;
  if (options->micro_batch > 0)
    job->micro_batch = options->micro_batch;
  if (options->batch > 0)
    job->global_batch = options->batch;
  else
    job->global_batch = MAX (1u, job->global_batch / MAX (1u, job->dp * job->micro_batch)) *
                        job->dp * job->micro_batch;
  if (options->mfu != 0)
    job->mfu = options->mfu;
  if (options->overlap != 0)
    job->overlap = options->overlap;
  if (options->tflops != 0)
    job->peak_flops = options->tflops * 1e12;
  job->recompute = options->recompute;
  job->sharded = options->sharded;
  return TRUE;
}

static void
print_json (const WeftJob      *job,
            const WeftStepTime *step)
{
  g_autoptr(GString) out = g_string_new (NULL);
  WeftJsonWriter w;

  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  weft_json_member_string (&w, "model", job->model.id);
  weft_json_member_int (&w, "gpus", step->gpus);
  weft_json_member_int (&w, "tp", job->tp);
  weft_json_member_int (&w, "pp", job->pp);
  weft_json_member_int (&w, "dp", job->dp);
  weft_json_member_int (&w, "ep", job->ep);
  weft_json_member_int (&w, "global_batch", job->global_batch);
  weft_json_member_int (&w, "micro_batch", job->micro_batch);
  weft_json_member_string (&w, "accelerator", step->accelerator);
  weft_json_member_double (&w, "peak_flops", step->peak_flops);
  weft_json_member_double (&w, "step_s", step->step_s);
  weft_json_member_double (&w, "compute_s", step->compute_s);
  weft_json_member_double (&w, "tp_s", step->tp_s);
  weft_json_member_double (&w, "pp_s", step->pp_s);
  weft_json_member_double (&w, "dp_s", step->dp_s);
  weft_json_member_double (&w, "ep_s", step->ep_s);
  weft_json_member_double (&w, "exposed_s", step->exposed_s);
  weft_json_member_double (&w, "tokens_per_s", step->tokens_per_s);
  weft_json_member_double (&w, "network_share", step->network_share);
  weft_json_end_object (&w);
  g_print ("%s", out->str);
}

static void
print_text (const WeftJob      *job,
            const WeftStepTime *step)
{
  g_autofree char *ep = job->ep > 1 ? g_strdup_printf (" (EP %u)", job->ep) : g_strdup ("");

  g_print ("%s on %u GPUs: TP %u × PP %u × DP %u%s, global batch %u, micro-batch %u\n",
           job->model.name, step->gpus, job->tp, job->pp, job->dp, ep, job->global_batch,
           job->micro_batch);
  g_print ("  %-24s %10.3f s\n", "step", step->step_s);
  g_print ("  %-24s %10.3f s   (%s, %.0f TFLOP/s, MFU %.2f)\n", "compute", step->compute_s,
           step->accelerator, step->peak_flops / 1e12, job->mfu);
  g_print ("  %-24s %10.3f s\n", "tensor parallel", step->tp_s);
  g_print ("  %-24s %10.3f s\n", "pipeline", step->pp_s);
  g_print ("  %-24s %10.3f s   (%.0f%% hidden behind the backward pass)\n", "data parallel",
           step->dp_s, job->overlap * 100);
  g_print ("  %-24s %10.3f s\n", "expert all-to-all", step->ep_s);
  g_print ("  %-24s %10.3f s   (%.1f%% of the step)\n", "exposed communication", step->exposed_s,
           step->network_share * 100);
  g_print ("  %-24s %10.0f\n", "tokens per second", step->tokens_per_s);
}

int
weft_cli_train (int    argc,
                char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  int status = parse_options (&options, &argc, &argv);

  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "train takes one fabric file");
  fabric = weft_cli_load (argv[1], options.catalog, &error);
  if (fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (!build_job (fabric, &options, &job, &error) ||
      !weft_training_step (fabric, &job, &step, NULL, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (options.json)
    print_json (&job, &step);
  else
    print_text (&job, &step);
  return WEFT_EXIT_OK;
}
