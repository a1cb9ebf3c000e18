"""Strings of the compute calculator, in English and Chinese."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "compute.chart.title": {"en": "Training compute vs parameters", "zh": "训练算力与参数量"},
    "compute.chart.x": {"en": "Parameters (N)", "zh": "参数量 (N)"},
    "compute.chart.y": {"en": "Training compute (FLOPs)", "zh": "训练算力 (FLOPs)"},
    "compute.chart.references": {"en": "Reference models", "zh": "参考模型"},
    "compute.chart.optimal": {
        "en": "Chinchilla-optimal (C = 120·N²)",
        "zh": "Chinchilla 最优 (C = 120·N²)",
    },
    "compute.chart.run": {"en": "This estimate: {value}", "zh": "本次估算：{value}"},
    # refusals of a quantity option
    "compute.invalid.unreadable": {
        "en": "`{option}`: could not read **{got}** as a number. Example: `{example}`",
        "zh": "`{option}`：无法把 **{got}** 识别为数字。示例：`{example}`",
    },
    "compute.invalid.not_finite": {
        "en": "`{option}`: **{got}** is not a finite number. Example: `{example}`",
        "zh": "`{option}`：**{got}** 不是有限的数字。示例：`{example}`",
    },
    "compute.invalid.unit": {
        "en": "`{option}`: **{got}** is in {unit}, which this option does not take. Example: `{example}`",
        "zh": "`{option}`：**{got}** 的单位是 {unit}，此选项不接受该单位。示例：`{example}`",
    },
    "compute.invalid.not_positive": {
        "en": "`{option}`: **{got}** must be greater than zero. Example: `{example}`",
        "zh": "`{option}`：**{got}** 必须大于零。示例：`{example}`",
    },
    "compute.invalid.too_large": {
        "en": "`{option}`: **{got}** is beyond any plausible value (at most {limit}). Example: `{example}`",
        "zh": "`{option}`：**{got}** 超出了合理范围（最多 {limit}）。示例：`{example}`",
    },
    "compute.invalid.too_small": {
        "en": "`{option}`: **{got}** is too small to estimate (at least {limit}). Example: `{example}`",
        "zh": "`{option}`：**{got}** 太小，无法估算（至少 {limit}）。示例：`{example}`",
    },
    "compute.invalid.fraction": {
        "en": "`{option}`: **{got}** must be a fraction of peak from 0.01 to 1. Example: `{example}`",
        "zh": "`{option}`：**{got}** 应是 0.01 到 1 之间的峰值比例。示例：`{example}`",
    },
    "compute.invalid.count": {
        "en": "`{option}`: **{got}** must be a whole number from 1 to {limit}. Example: `{example}`",
        "zh": "`{option}`：**{got}** 应是 1 到 {limit} 之间的整数。示例：`{example}`",
    },
    "compute.invalid.precision": {
        "en": "`{option}`: {gpu} has no published dense peak for **{got}**. Example: `{example}`",
        "zh": "`{option}`：{gpu} 没有公开的 **{got}** 稠密峰值。示例：`{example}`",
    },
    "compute.invalid.training_precision": {
        "en": "`{option}`: **{got}** is an inference format; training keeps weights in bf16, fp16, fp8 or fp32. Example: `{example}`",
        "zh": "`{option}`：**{got}** 是推理用的格式；训练时权重使用 bf16、fp16、fp8 或 fp32。示例：`{example}`",
    },
    "compute.invalid.needs_size": {
        "en": "`{option}`: give a parameter count or pick a `model`. Example: `{example}`",
        "zh": "`{option}`：请填写参数量或选择一个 `模型`。示例：`{example}`",
    },
    "compute.invalid.needs_gpu": {
        "en": "`{option}`: a budget of **{got}** needs a GPU to turn hours into FLOPs. Example: `{example}`",
        "zh": "`{option}`：**{got}** 的预算需要指定 GPU 才能换算成 FLOPs。示例：`{example}`",
    },
    "compute.invalid.needs_price": {
        "en": "`{option}`: a budget of **{got}** needs a `price` per GPU-hour to buy GPU-hours with. Example: `{example}`",
        "zh": "`{option}`：预算 **{got}** 需要填写每 GPU 小时的 `单价` 才能换算成 GPU 小时。示例：`{example}`",
    },
    "compute.invalid.currency": {
        "en": "`{option}`: **{got}** and the price {price} are in different currencies; no exchange rate is assumed. Give both in one currency. Example: `{example}`",
        "zh": "`{option}`：**{got}** 与单价 {price} 币种不同；本工具不假设任何汇率，请用同一币种填写。示例：`{example}`",
    },
    "compute.invalid.days": {
        "en": "`{option}`: **{got}** must be from one hour (0.042) to {limit} days. Example: `{example}`",
        "zh": "`{option}`：**{got}** 应在 1 小时（0.042）到 {limit} 天之间。示例：`{example}`",
    },
    "compute.invalid.zero": {
        "en": "`{option}`: **{got}** is not a ZeRO stage; stages are 0 to 3. Example: `{example}`",
        "zh": "`{option}`：**{got}** 不是 ZeRO 阶段，阶段只有 0 到 3。示例：`{example}`",
    },
    "compute.invalid.parallel": {
        "en": "`{option}`: **{got}** GPUs cannot be split into tp × pp = {grid} groups evenly; give a multiple of {grid}. Example: `{example}`",
        "zh": "`{option}`：**{got}** 张 GPU 无法按张量并行 × 流水线并行 = {grid} 均分，请填写 {grid} 的倍数。示例：`{example}`",
    },
    "compute.gpu_choice": {
        "en": "**{query}** names more than one card, and their answers differ. Which one?",
        "zh": "**{query}** 对应不止一款显卡，结果也不同。你指的是哪一款？",
    },
    # units of time
    "compute.unit.year": {"en": "{n} years", "zh": "{n} 年"},
    "compute.unit.day": {"en": "{n} days", "zh": "{n} 天"},
    "compute.unit.hour": {"en": "{n} hours", "zh": "{n} 小时"},
    "compute.unit.minute": {"en": "{n} minutes", "zh": "{n} 分钟"},
    "compute.unit.second": {"en": "{n} s", "zh": "{n} 秒"},
    # units of counted things
    "compute.unit.tokens": {"en": "{n} tokens", "zh": "{n} 词元"},
    "compute.unit.gpu_hours": {"en": "{n} GPU-hours", "zh": "{n} GPU 小时"},
    "compute.unit.per_param": {"en": "{size} ({n} B/param)", "zh": "{size}（每参数 {n} 字节）"},
    # shared
    "compute.footer": {
        "en": "Estimates from published rules of thumb, not measurements; options change the assumptions.",
        "zh": "以上是基于公开经验公式的估算，并非实测；可通过选项调整各项假设。",
    },
    "compute.field.assumptions": {"en": "Assumptions", "zh": "假设"},
    "compute.field.nearest": {"en": "Nearest reference models", "zh": "最接近的参考模型"},
    "compute.published": {"en": "(published)", "zh": "（公开数据）"},
    "compute.estimated": {"en": "(6·N·D)", "zh": "（按 6·N·D 估算）"},
    "compute.no_compute": {"en": "training compute not published", "zh": "未公开训练算力"},
    "compute.mode.training": {"en": "training", "zh": "训练"},
    "compute.mode.inference": {"en": "inference", "zh": "推理"},
    # /compute train
    "compute.train.title": {
        "en": "Training estimate: {params} parameters × {tokens}",
        "zh": "训练估算：{params} 参数 × {tokens}",
    },
    "compute.train.formula": {
        "en": "C = {k}·N·D = {k} × {params} × {tokens} = **{flops}**",
        "zh": "C = {k}·N·D = {k} × {params} × {tokens} = **{flops}**",
    },
    "compute.field.compute": {"en": "Training compute", "zh": "训练算力"},
    "compute.field.gpu_hours": {"en": "GPU-hours", "zh": "GPU 小时"},
    "compute.value.gpu_hours": {
        "en": "**{hours}** on {gpu}",
        "zh": "在 {gpu} 上需 **{hours}** GPU 小时",
    },
    "compute.field.wall": {"en": "Wall-clock time", "zh": "实际耗时"},
    "compute.value.wall": {
        "en": "**{time}** on {gpus} × {gpu}",
        "zh": "{gpus} 张 {gpu}：**{time}**",
    },
    "compute.field.cost": {"en": "Cost", "zh": "成本"},
    "compute.value.cost": {
        "en": "**{cost}** at {price} per GPU-hour",
        "zh": "**{cost}**（按每 GPU 小时 {price} 计）",
    },
    "compute.value.no_price": {
        "en": "Give `price` (e.g. $2.49 per GPU-hour) to see the cost.",
        "zh": "填写 `单价`（例如每 GPU 小时 $2.49）即可估算成本。",
    },
    "compute.field.energy": {"en": "Energy", "zh": "能耗"},
    "compute.value.energy": {
        "en": "**{mwh} MWh** ({tdp} W × GPU-hours × PUE {pue})",
        "zh": "**{mwh} MWh**（{tdp} W × GPU 小时 × PUE {pue}）",
    },
    "compute.value.no_tdp": {
        "en": "No TDP is published for this accelerator.",
        "zh": "该加速器没有公开的 TDP。",
    },
    "compute.field.train_memory": {"en": "Training memory", "zh": "训练显存"},
    "compute.value.train_memory": {
        "en": "**{total}** ({bpp} B/param, before activations): at least **{n}** × {gpu}",
        "zh": "**{total}**（每参数 {bpp} 字节，未含激活值）：至少需要 **{n}** 张 {gpu}",
    },
    "compute.field.plan": {"en": "Given and derived", "zh": "已给出与推算所得"},
    "compute.plan.gpus_given": {"en": "GPUs: **{n}** (given)", "zh": "GPU 数：**{n}**（已给出）"},
    "compute.plan.gpus_days": {
        "en": "GPUs: **{n}** (derived: the fewest that finish in {days} days)",
        "zh": "GPU 数：**{n}**（推算：{days} 天内完成所需的最少数量）",
    },
    "compute.plan.gpus_default": {
        "en": "GPUs: **{n}** (not given; give `gpus` or `days`)",
        "zh": "GPU 数：**{n}**（未给出；可填写 `显卡数` 或 `天数`）",
    },
    "compute.plan.days_given": {
        "en": "Target: **{days} days** (given)",
        "zh": "目标工期：**{days} 天**（已给出）",
    },
    "compute.plan.days_met": {
        "en": "{gpus} GPUs take {time}: within the {days}-day target (which needs {need})",
        "zh": "{gpus} 张 GPU 需 {time}：在 {days} 天目标之内（目标只需 {need} 张）",
    },
    "compute.plan.days_missed": {
        "en": "{gpus} GPUs take {time}: over the {days}-day target, which needs **{need}** GPUs",
        "zh": "{gpus} 张 GPU 需 {time}：超出 {days} 天目标，目标需要 **{need}** 张 GPU",
    },
    "compute.plan.time_derived": {
        "en": "Time: **{time}** on {gpus} GPUs (derived)",
        "zh": "耗时：{gpus} 张 GPU 需 **{time}**（推算）",
    },
    "compute.plan.budget": {
        "en": "Budget: **{budget}** (given) buys **{hours} GPU-hours** at {price}: **{share}** of this run, **{time}** on {gpus} GPUs",
        "zh": "预算：**{budget}**（已给出）按 {price} 可购买 **{hours} GPU 小时**：相当于本次训练的 **{share}**，{gpus} 张 GPU 可用 **{time}**",
    },
    "compute.field.chinchilla": {"en": "Chinchilla-optimal tokens", "zh": "Chinchilla 最优词元数"},
    "compute.value.chinchilla": {
        "en": "**{optimal}** for {params} parameters (about 20 per parameter). This run: {per_param} tokens per parameter, {times}× the optimum.",
        "zh": "{params} 参数的最优训练量约为 **{optimal}**（每参数约 20 个词元）。本次训练：每参数 {per_param} 个词元，是最优值的 {times} 倍。",
    },
    # /compute infer
    "compute.infer.title": {"en": "Inference estimate: {subject}", "zh": "推理估算：{subject}"},
    "compute.infer.formula": {
        "en": "FLOPs per token ≈ 2·N_active = 2 × {active} = **{per_token}**\nKV cache = 2 · layers · kv_heads · head_dim · bytes · tokens",
        "zh": "每词元算力 ≈ 2·N_active = 2 × {active} = **{per_token}**\nKV 缓存 = 2 · 层数 · KV 头数 · 头维度 · 字节数 · 词元数",
    },
    "compute.field.params": {"en": "Parameters", "zh": "参数量"},
    "compute.value.moe_params": {
        "en": "{total} total, {active} active per token",
        "zh": "总计 {total}，每词元激活 {active}",
    },
    "compute.field.fit": {"en": "GPUs to fit", "zh": "所需 GPU 数"},
    "compute.value.fit": {"en": "at least **{n}** × {gpu}", "zh": "至少 **{n}** 张 {gpu}"},
    "compute.field.memory": {"en": "Memory", "zh": "显存"},
    "compute.value.infer_memory": {
        "en": "weights **{weights}** + KV cache {kv} = **{total}**",
        "zh": "权重 **{weights}** + KV 缓存 {kv} = **{total}**",
    },
    "compute.value.kv": {
        "en": "**{kv}** ({per_token} per token × {tokens} tokens)",
        "zh": "**{kv}**（每词元 {per_token} × {tokens} 个词元）",
    },
    "compute.value.no_kv": {"en": "not estimated", "zh": "未估算"},
    "compute.value.moe_flops": {
        "en": "FLOPs from {active} active of {total} total",
        "zh": "算力按 {total} 总参数中激活的 {active} 计",
    },
    "compute.field.serving_cost": {
        "en": "Cost per 1M tokens (at the bounds)",
        "zh": "每百万词元成本（按上述上限）",
    },
    "compute.value.serving_cost": {
        "en": "input at least **{input}**, output at least **{output}** ({price} per GPU-hour × {gpus} GPUs, batch {batch})",
        "zh": "输入至少 **{input}**，输出至少 **{output}**（每 GPU 小时 {price} × {gpus} 张 GPU，批大小 {batch}）",
    },
    "compute.field.warnings": {"en": "Warnings", "zh": "注意"},
    "compute.warn.context": {
        "en": "A context of {context} tokens is longer than the model's maximum of {limit}; the figures are for a context it cannot take.",
        "zh": "上下文 {context} 个词元超过了该模型的上限 {limit}；这些数字对应的是模型无法接受的上下文。",
    },
    "compute.warn.fallback": {
        "en": "{gpu} has no published {precision} peak: the weights are stored in {precision} but multiplied at the BF16 peak (weight-only quantisation).",
        "zh": "{gpu} 没有公开的 {precision} 峰值：权重以 {precision} 存储，但按 BF16 峰值计算（仅权重量化）。",
    },
    "compute.warn.missing_batch": {
        "en": "`seq` was given without `batch`: activations and KV cache need both, so they are not counted.",
        "zh": "只填写了 `序列长度`，没有 `批大小`：激活值和 KV 缓存需要两者都填写，因此未计入。",
    },
    "compute.warn.missing_seq": {
        "en": "`batch` was given without `seq`: activations and KV cache need both, so they are not counted.",
        "zh": "只填写了 `批大小`，没有 `序列长度`：激活值和 KV 缓存需要两者都填写，因此未计入。",
    },
    "compute.field.prefill": {"en": "Prefill (compute bound)", "zh": "预填充（算力上限）"},
    "compute.value.prefill": {
        "en": "{context} tokens × batch {batch} = {flops}: at least **{time}** at peak, at most {tps} tokens/s",
        "zh": "{context} 个词元 × 批大小 {batch} = {flops}：按峰值至少需 **{time}**，最多 {tps} 词元/秒",
    },
    "compute.field.decode": {"en": "Decode (memory-bandwidth bound)", "zh": "解码（显存带宽上限）"},
    "compute.value.decode": {
        "en": "at most **{tps} tokens/s** per sequence ({batch_tps} tokens/s for the batch), reading {step} per step; {output} tokens take at least {time}",
        "zh": "每条序列最多 **{tps} 词元/秒**（整批 {batch_tps} 词元/秒），每步读取 {step}；生成 {output} 个词元至少需 {time}",
    },
    # /compute memory
    "compute.memory.title": {
        "en": "Memory: {params} parameters, {mode} in {precision}",
        "zh": "显存：{params} 参数，{precision} {mode}",
    },
    "compute.memory.total": {
        "en": "Total **{total}**: at least **{n}** × {gpu} ({each} each)",
        "zh": "合计 **{total}**：至少需要 **{n}** 张 {gpu}（每张 {each}）",
    },
    "compute.field.per_gpu": {"en": "Per GPU", "zh": "每张 GPU"},
    "compute.value.layout": {
        "en": "{gpus} GPUs = tp {tp} × pp {pp} × dp {dp}, ZeRO-{zero}",
        "zh": "{gpus} 张 GPU = 张量并行 {tp} × 流水线并行 {pp} × 数据并行 {dp}，ZeRO-{zero}",
    },
    "compute.value.fits": {
        "en": "✅ Fits: **{used}** of {each} on each {gpu}",
        "zh": "✅ 放得下：每张 {gpu} 占用 **{used}**（共 {each}）",
    },
    "compute.value.no_fit": {
        "en": "❌ Does not fit: **{used}** per GPU, more than the {each} of {gpu}",
        "zh": "❌ 放不下：每张 GPU 需 **{used}**，超过 {gpu} 的 {each}",
    },
    "compute.value.recompute_hint": {
        "en": "Full activation recomputation keeps only each layer's input (2·s·b·h·L ÷ tp = {size} per GPU); a larger tp divides the activations too.",
        "zh": "若对激活值做完全重计算，只需保留每层输入（2·s·b·h·L ÷ 张量并行度 = 每张 GPU {size}）；增大张量并行度也能分摊激活值。",
    },
    "compute.part.weights": {"en": "Weights", "zh": "权重"},
    "compute.part.gradients": {"en": "Gradients", "zh": "梯度"},
    "compute.part.master": {"en": "FP32 master weights", "zh": "FP32 主权重"},
    "compute.part.optimizer": {"en": "Adam moments", "zh": "Adam 一阶与二阶矩"},
    "compute.part.activations": {"en": "Activations", "zh": "激活值"},
    "compute.part.kv_cache": {"en": "KV cache", "zh": "KV 缓存"},
    # /compute optimal
    "compute.optimal.title": {
        "en": "Compute-optimal model for {budget}",
        "zh": "{budget} 预算下的算力最优模型",
    },
    "compute.optimal.formula": {
        "en": "C = 6·N·D and D ≈ 20·N, so N = √(C / 120) and D = 20·N",
        "zh": "C = 6·N·D 且 D ≈ 20·N，因此 N = √(C / 120)，D = 20·N",
    },
    "compute.field.budget": {"en": "Budget", "zh": "预算"},
    "compute.value.budget_gpu": {
        "en": "GPU-hours on {gpu} at its dense BF16 peak × MFU {mfu}",
        "zh": "按 {gpu} 的稠密 BF16 峰值 × MFU {mfu} 换算 GPU 小时",
    },
    "compute.field.opt_params": {"en": "Parameters (N)", "zh": "参数量 (N)"},
    "compute.field.opt_tokens": {"en": "Training tokens (D)", "zh": "训练词元数 (D)"},
    # /compute model
    "compute.model.title": {
        "en": "{name}: published compute vs 6·N·D",
        "zh": "{name}：公开算力与 6·N·D 估算对比",
    },
    "compute.field.published": {"en": "What the lab published", "zh": "官方公开的数据"},
    "compute.field.estimate": {"en": "6·N·D estimate", "zh": "6·N·D 估算"},
    "compute.value.estimate": {
        "en": "6 × {params} × {tokens} = **{flops}** ({pf_days})",
        "zh": "6 × {params} × {tokens} = **{flops}**（{pf_days}）",
    },
    "compute.value.ratio": {
        "en": "{ratio}× the published {published}",
        "zh": "是公开数值 {published} 的 {ratio} 倍",
    },
    "compute.value.no_tokens": {
        "en": "No training token count is published, so there is no 6·N·D estimate.",
        "zh": "未公开训练词元数，因此无法做 6·N·D 估算。",
    },
    "compute.field.implied": {"en": "Implied MFU", "zh": "推算的 MFU"},
    "compute.value.implied": {
        "en": "{hours} GPU-hours on {gpu} at {peak} TFLOPS dense BF16 → **MFU {mfu}**",
        "zh": "{gpu} 上 {hours} GPU 小时，按稠密 BF16 {peak} TFLOPS 计 → **MFU {mfu}**",
    },
    "compute.value.unmatched": {
        "en": "{hours} GPU-hours on hardware not in the catalog: no MFU implied",
        "zh": "{hours} GPU 小时，所用硬件不在目录中，无法推算 MFU",
    },
    # /compute gpu
    "compute.field.datasheet": {"en": "Datasheet", "zh": "数据手册"},
    "compute.datasheet": {"en": "Vendor datasheet", "zh": "厂商数据手册"},
    # assumptions
    "compute.assume.flops_rule": {"en": "FLOPs rule", "zh": "算力公式"},
    "compute.assume.peak": {"en": "Dense peak per GPU", "zh": "单卡稠密峰值"},
    "compute.assume.mfu": {"en": "MFU (share of peak achieved)", "zh": "MFU（实际达到的峰值比例）"},
    "compute.assume.scaling": {
        "en": "Linear scaling over GPUs (communication is priced into the MFU)",
        "zh": "多卡线性扩展（通信开销已计入 MFU）",
    },
    "compute.assume.zhao": {
        "en": "兆 read as 10¹² (one trillion), as in Taiwan, not the SI mega (10⁶)",
        "zh": "「兆」按 10¹² 计（台湾用法：1 兆 = 1 万亿），不是国际单位制的 10⁶",
    },
    "compute.assume.binary_k": {
        "en": "K in a context length read as 1024 (128K = 131,072 tokens, as model configs count it); tokens",
        "zh": "上下文长度中的 K 按 1024 计（128K = 131,072 个词元，与模型配置一致）；词元数",
    },
    "compute.assume.assumed_usd": {
        "en": "No currency given: read as US dollars",
        "zh": "未注明币种：按美元计",
    },
    "compute.assume.yen_sign": {
        "en": "¥ read as Chinese yuan (CNY), not Japanese yen",
        "zh": "¥ 按人民币（CNY）计，不是日元",
    },
    "compute.assume.peak_fallback": {
        "en": "No native units for this precision: peak falls back to",
        "zh": "该精度没有原生计算单元，峰值回退为",
    },
    "compute.assume.serving_cost": {
        "en": "Serving cost per hour",
        "zh": "每小时推理成本",
    },
    "compute.assume.zero": {
        "en": "ZeRO stage and data-parallel degree (Rajbhandari et al. 2020: 1 shards optimizer state, 2 also gradients, 3 also weights)",
        "zh": "ZeRO 阶段与数据并行度（Rajbhandari 等 2020：1 切分优化器状态，2 再切分梯度，3 再切分权重）",
    },
    "compute.assume.zero_inference": {
        "en": "ZeRO shards training state only; ignored for inference",
        "zh": "ZeRO 只切分训练状态，推理时不适用",
    },
    "compute.assume.pue": {"en": "PUE (data-centre overhead)", "zh": "PUE（数据中心能效系数）"},
    "compute.assume.tdp": {"en": "GPU power (TDP)", "zh": "GPU 功耗（TDP）"},
    "compute.assume.state": {
        "en": "Mixed-precision Adam: weights + gradients + FP32 master + moments",
        "zh": "混合精度 Adam：权重 + 梯度 + FP32 主权重 + 一阶与二阶矩",
    },
    "compute.assume.weight_bytes": {"en": "Bytes per weight", "zh": "每个权重的字节数"},
    "compute.assume.activations": {
        "en": "Activations (Korthikanti et al. 2022, 16-bit, attention scores not stored, sequence parallelism splits them over tp; under 1F1B the first pipeline stage holds L layers' worth)",
        "zh": "激活值（Korthikanti 等 2022，16 位，不保存注意力分数，序列并行按张量并行度切分；1F1B 流水线下第一段保存相当于 L 层的激活）",
    },
    "compute.assume.no_activations": {
        "en": "Activations not included: they depend on sequence and batch (`/compute memory` with seq and batch)",
        "zh": "未计入激活值：它取决于序列长度和批大小（可用 `/compute memory` 并填写 `序列长度` 与 `批大小`）",
    },
    "compute.assume.kv_bytes": {"en": "Bytes per KV-cache value", "zh": "KV 缓存每个值的字节数"},
    "compute.assume.shape": {"en": "Architecture (published)", "zh": "架构（公开数据）"},
    "compute.assume.shape_inferred": {
        "en": "Architecture guessed from N (dense, d_model = 128·layers, no GQA)",
        "zh": "由参数量推测的架构（稠密，d_model = 128 × 层数，无 GQA）",
    },
    "compute.assume.no_kv_shape": {
        "en": "KV cache not estimated: the catalog lacks this model's KV heads or head size (e.g. MLA)",
        "zh": "未估算 KV 缓存：目录中缺少该模型的 KV 头数或头维度（例如 MLA）",
    },
    "compute.assume.fit": {"en": "GPU memory counted as fully usable", "zh": "按显存全部可用计算"},
    "compute.assume.flops_per_token": {
        "en": "FLOPs per token (prefill adds attention over the full context, as llm-analysis and the EleutherAI cookbook count it)",
        "zh": "每词元算力（预填充另加全上下文注意力，与 `llm-analysis` 和 `EleutherAI/cookbook` 的算法一致）",
    },
    "compute.assume.flops_no_attention": {
        "en": "FLOPs per token (attention over the context not counted: the catalog lacks this model's head shape, e.g. MLA)",
        "zh": "每词元算力（未计入上下文注意力：目录中缺少该模型的注意力头形状，例如 MLA）",
    },
    "compute.assume.bandwidth": {"en": "Memory bandwidth", "zh": "显存带宽"},
    "compute.assume.moe_read": {
        "en": "Mixture-of-experts weights read per decode step",
        "zh": "混合专家模型每个解码步读取的权重",
    },
    "compute.assume.moe_flops": {
        "en": "Mixture-of-experts: FLOPs use the active parameters (active / total)",
        "zh": "混合专家模型：算力按激活参数计（激活 / 总计）",
    },
    "compute.assume.chinchilla": {
        "en": "Chinchilla rule (Hoffmann et al. 2022)",
        "zh": "Chinchilla 法则（Hoffmann 等 2022）",
    },
    "compute.assume.implied_peak": {
        "en": "Implied MFU is measured against the dense peak in",
        "zh": "推算 MFU 所依据的稠密峰值精度",
    },
}

NAMES_ZH: dict[str, str] = {
    "compute": "算力",
    "train": "训练",
    "infer": "推理",
    "memory": "显存",
    "optimal": "最优配比",
    "model": "模型",
    "gpu": "显卡",
    "params": "参数量",
    "tokens": "词元数",
    "gpus": "显卡数",
    "mfu": "利用率",
    "price": "单价",
    "precision": "精度",
    "recompute": "重计算",
    "chart": "图表",
    "context": "上下文",
    "batch": "批大小",
    "output": "输出长度",
    "mode": "模式",
    "seq": "序列长度",
    "budget": "预算",
    "days": "天数",
    "tp": "张量并行",
    "pp": "流水线并行",
    "zero": "零冗余阶段",
    "name": "名称",
}

DESCRIPTIONS_ZH: dict[str, str] = {
    "Training and inference compute estimates, checked against published figures": "训练与推理算力估算，已与公开数据核对",
    "Compute, time, cost, energy and memory to train a model": "估算训练一个模型所需的算力、时间、成本、能耗和显存",
    "Inference memory, GPUs to fit, and prefill/decode speed bounds": "估算推理显存、所需 GPU 数以及预填充与解码速度上限",
    "Memory for weights, gradients, optimizer state and activations, and the GPUs to fit": "估算权重、梯度、优化器状态和激活值的显存，以及所需 GPU 数",
    "Chinchilla compute-optimal parameters and tokens for a compute budget": "按 Chinchilla 法则给出某算力预算下的最优参数量和词元数",
    "A reference model's published compute beside the 6·N·D estimate and implied MFU": "参考模型的公开训练算力、6·N·D 估算值与推算的 MFU",
    "A GPU's datasheet figures with their source": "GPU 数据手册中的各项指标及出处",
    "Parameters, e.g. 175B, 1.75e11, 70M or 1750亿": "参数量，例如 175B、1.75e11、70M 或 1750亿",
    "Training tokens, e.g. 300B or 1.4T": "训练词元数，例如 300B 或 1.4T",
    "GPU to train on (default H100 SXM)": "训练所用 GPU（默认 H100 SXM）",
    "GPU to serve on (default H100 SXM)": "推理所用 GPU（默认 H100 SXM）",
    "GPU whose memory to fill (default H100 SXM)": "按哪款 GPU 的显存计算（默认 H100 SXM）",
    "GPU for a budget given in GPU-hours (default H100 SXM)": "预算以 GPU 小时给出时所用的 GPU（默认 H100 SXM）",
    "Number of GPUs (default 1)": "GPU 数量（默认 1）",
    "Fraction of peak achieved, 0-1 (default 0.4; the answer states it)": "实际达到的峰值比例，0-1（默认 0.4，回答中会注明）",
    "Price per GPU-hour, e.g. $2.49": "每 GPU 小时的价格，例如 $2.49",
    "Number format the training runs in (default bf16)": "训练所用的数值格式（默认 bf16）",
    "Full activation recomputation: about 8·N·D instead of 6·N·D": "完全激活重计算：约 8·N·D 而非 6·N·D",
    "Attach a log-log chart of compute against parameters": "附上算力与参数量的双对数图",
    "Parameters (optional when a model is chosen), e.g. 70B": "参数量（选择模型时可不填），例如 70B",
    "Reference model: fills parameters and architecture": "参考模型：自动填入参数量和架构",
    "Weight precision (default bf16)": "权重精度（默认 bf16）",
    "Prompt length in tokens, e.g. 4k (default 4096)": "提示词长度（词元数），例如 4k（默认 4096）",
    "Sequences served at once (default 1)": "同时处理的序列数（默认 1）",
    "Tokens generated per sequence (default 512)": "每条序列生成的词元数（默认 512）",
    "Precision of the weights (default bf16)": "权重的数值精度（默认 bf16）",
    "Training (weights, gradients, Adam) or inference (weights)": "训练（权重、梯度、Adam）或推理（仅权重）",
    "Sequence length for activations or KV cache, e.g. 4096": "用于估算激活值或 KV 缓存的序列长度，例如 4096",
    "Batch size for activations or KV cache (with seq)": "用于估算激活值或 KV 缓存的批大小（需配合序列长度）",
    "Budget: FLOPs (3.14e23), PF-days (3640 PF-days) or GPU-hours (2.5M GPU-hours)": "预算：FLOPs（3.14e23）、PF-days（3640 PF-days）或 GPU 小时（2.5M GPU小时）",
    "Attach a log-log chart with the optimal model among reference models": "附上双对数图，显示最优模型与参考模型的位置",
    "Reference model, e.g. GPT-3 175B or Llama 2 70B": "参考模型，例如 GPT-3 175B 或 Llama 2 70B",
    "GPU, e.g. H100 SXM or A100 80GB": "GPU，例如 H100 SXM 或 A100 80GB",
    "Target wall-clock days: the answer gives the GPUs needed": "目标训练天数：回答会给出所需 GPU 数",
    "Money to spend, e.g. $5M, ¥3000万 or €2M: the GPU-hours and days it buys": "预算金额，例如 $5M、¥3000万 或 €2M：可购买的 GPU 小时数和天数",
    "Price per GPU-hour, e.g. $2.49/h or 2元/小时": "每 GPU 小时的价格，例如 $2.49/h 或 2元/小时",
    "Price per GPU-hour for cost per 1M tokens, e.g. $2.49/h": "每 GPU 小时的价格，用于计算每百万词元成本，例如 $2.49/h",
    "Reference model: fills parameters and architecture (layers, width, KV heads)": "参考模型：自动填入参数量和架构（层数、宽度、KV 头数）",
    "Parameters (optional when a model is chosen), e.g. 70B or 七百亿": "参数量（选择模型时可不填），例如 70B 或 七百亿",
    "Total GPUs (default tp × pp); the rest of tp × pp is data parallelism": "GPU 总数（默认张量并行 × 流水线并行）；除以二者之积即数据并行度",
    "Tensor-parallel degree (default 1)": "张量并行度（默认 1）",
    "Pipeline-parallel degree (default 1)": "流水线并行度（默认 1）",
    "ZeRO stage 0-3: what data-parallel ranks shard (default 0)": "ZeRO 阶段 0-3：数据并行各卡切分哪些状态（默认 0）",
    "Sequence length, e.g. 4096 or 8K (with batch)": "序列长度，例如 4096 或 8K（需配合批大小）",
    "Micro-batch per GPU (with seq)": "每张 GPU 的微批大小（需配合序列长度）",
    "Prompt length in tokens, e.g. 4k or 128K (default 4096; K is 1024)": "提示词长度（词元数），例如 4k 或 128K（默认 4096；K 按 1024 计）",
    # choice names
    "training": "训练",
    "inference": "推理",
}
