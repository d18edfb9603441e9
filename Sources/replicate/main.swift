print("replicate")
