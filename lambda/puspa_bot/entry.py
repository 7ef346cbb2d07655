"""The Lambda's entry point: the handler's module set up with the cyclic garbage collector paused.

Setting up allocates a large graph that lives as long as the process (boto3's service models,
Powertools, the reply index); collecting it again and again during imports only costs cold
start. It is then frozen (gc.freeze), so later collections during messages skip it too.
"""

import gc

gc.disable()
try:
    from .handler import lambda_handler
finally:
    gc.freeze()
    gc.enable()

__all__ = ["lambda_handler"]
